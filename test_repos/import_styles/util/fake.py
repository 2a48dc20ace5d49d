"""Local helper classes that share names with Tecton (and Feast) classes. Not Tecton objects."""


class Entity:
    def __init__(self, name, join_keys):
        self.name = name
        self.join_keys = join_keys


class FeatureView:
    def __init__(self, name, entities, online=False, tecton_materialization_runtime=None):
        self.name = name
        self.entities = entities
        self.online = online
        self.tecton_materialization_runtime = tecton_materialization_runtime


def batch_feature_view(**kwargs):
    def wrap(fn):
        return fn

    return wrap


fake_user = Entity(name="fake_user", join_keys=["user_id"])

fake_view = FeatureView(name="fake_view", entities=[fake_user], online=True, tecton_materialization_runtime="0.1.0")


@batch_feature_view(name="fake_decorated", online=True)
def fake_decorated():
    return None
