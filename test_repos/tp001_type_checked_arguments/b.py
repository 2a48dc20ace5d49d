from tecton import Entity
e2 = Entity(name="e2", join_keys="user_id")
