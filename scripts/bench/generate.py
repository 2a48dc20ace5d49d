#!/usr/bin/env python3
"""Writes the trees the benchmark times (scripts/bench/run.py): deterministic, no dependency.

  generate.py monorepo DIR ROOTS FILES_PER_ROOT   many feature repositories side by side, each a
      realistic one: entities and sources, batch and stream views (some pinning their own runtime,
      as generated repositories do), feature tables, services, a repo.yaml and an SDK pin.
  generate.py pins DIR VIEWS FILES [pin|nopin]    VIEWS batch views spread over FILES files, each
      pinning `tecton_materialization_runtime` (pin) or inheriting it from repo.yaml (nopin): the
      shape that must cost no more than twice the unpinned one.
"""
import os
import sys

HEADER = '''from datetime import timedelta

from tecton import Aggregate, Attribute, FeatureService, FeatureTable, batch_feature_view, stream_feature_view
from tecton.types import Field, Float64, Int64, String, Timestamp

from {pkg}.common import OWNER, RUNTIME, transactions, transactions_stream, user
'''

VIEWS = '''

def helper_{i}(df):
    """A plain helper, as real repositories have."""
    return df.filter(df.amount > {i})


@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online={online},
    offline=True,
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",
    owner=OWNER,{pin}
    features=[Attribute("amount_{i}", Float64)],
    description="Batch feature number {i}",
    tags={{"team": "risk", "index": "{i}"}},
)
def user_amount_{i}(transactions):
    return f"""
        SELECT user_id, ts, amount AS amount_{i}
        FROM {{transactions}}
        WHERE amount > {i}
    """


@stream_feature_view(
    source=transactions_stream,
    entities=[user],
    mode="pyspark",
    online=True,
    offline=True,
    timestamp_field="ts",
    batch_schedule=timedelta(days=1),{stream_pin}
    features=[
        Aggregate(input_column=Field("amount", Float64), function="sum", time_window=timedelta(hours=1)),
        Aggregate(input_column=Field("amount", Float64), function="count", time_window=timedelta(days=7)),
    ],
)
def user_stream_{i}(transactions_stream):
    return transactions_stream.select("user_id", "ts", "amount")


table_{i} = FeatureTable(
    name="table_{i}",
    entities=[user],
    features=[Attribute("value_{i}", Int64)],
    timestamp_field="ts",
    online=True,
    offline=True,
    ttl=timedelta(days=30),{table_pin}
)

service_{i} = FeatureService(
    name="service_{i}",
    features=[user_amount_{i}, user_stream_{i}, table_{i}],
    online_serving_enabled=True,
)
'''

COMMON = '''from tecton import BatchSource, Entity, HiveConfig, KinesisConfig, StreamSource
from tecton.types import Field, Float64, String, Timestamp

OWNER = "data-eng@example.com"
RUNTIME = "1.2.13"

user = Entity(name="user", join_keys=[Field("user_id", String)], description="A user")

transactions = BatchSource(
    name="transactions",
    batch_config=HiveConfig(database="db", table="transactions", timestamp_field="ts"),
)

transactions_stream = StreamSource(
    name="transactions_stream",
    stream_config=KinesisConfig(
        stream_name="transactions",
        region="us-west-2",
        initial_stream_position="latest",
        timestamp_field="ts",
        post_processor=lambda df: df,
    ),
    batch_config=HiveConfig(database="db", table="transactions", timestamp_field="ts"),
    schema=[Field("user_id", String), Field("ts", Timestamp), Field("amount", Float64)],
)
'''

REPO_YAML = '''defaults:
  batch_feature_view:
    tecton_materialization_runtime: "1.2.13"
  stream_feature_view:
    tecton_materialization_runtime: "1.2.13"
  feature_table:
    tecton_materialization_runtime: "1.2.13"
'''


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def feature_repo(root, files, views_per_file=2):
    pkg = "features"
    write(os.path.join(root, ".tecton"), "")
    write(os.path.join(root, "repo.yaml"), REPO_YAML)
    write(os.path.join(root, "requirements.txt"), "tecton[pyspark]~=1.2.0\npandas>=2\n")
    write(os.path.join(root, pkg, "__init__.py"), "")
    write(os.path.join(root, pkg, "common.py"), COMMON)
    for f in range(files):
        parts = [HEADER.format(pkg=pkg)]
        for j in range(views_per_file):
            i = f * views_per_file + j
            # One view in three pins its runtime, through the shared constant or a literal.
            pin = {0: "\n    tecton_materialization_runtime=RUNTIME,",
                   1: '\n    tecton_materialization_runtime="1.2.13",'}.get(i % 3, "")
            parts.append(VIEWS.format(
                i=i, online="True" if i % 2 else "False", pin=pin,
                stream_pin=pin if i % 5 == 0 else "", table_pin=pin if i % 7 == 0 else ""))
        write(os.path.join(root, pkg, f"group_{f // 50}", f"views_{f}.py"), "".join(parts))
        if f % 50 == 0:
            write(os.path.join(root, pkg, f"group_{f // 50}", "__init__.py"), "")


def monorepo(out, roots, files):
    for r in range(roots):
        feature_repo(os.path.join(out, f"team_{r}"), files)
    write(os.path.join(out, "README.md"), "A generated monorepo of feature repositories.\n")


def pins(out, views, files, pinned):
    write(os.path.join(out, ".tecton"), "")
    write(os.path.join(out, "requirements.txt"), "tecton[pyspark]~=1.2.0\n")
    write(os.path.join(out, "repo.yaml"), REPO_YAML)
    write(os.path.join(out, "common.py"), COMMON.replace("RUNTIME = ", "RUNTIME_CONSTANT = "))
    per = max(1, views // files)
    for f in range(files):
        parts = ["from datetime import timedelta\nfrom tecton import Attribute, batch_feature_view\n"
                 "from tecton.types import Float64\nfrom common import transactions, user\n"]
        for i in range(f * per, (f + 1) * per):
            pin = '\n    tecton_materialization_runtime="1.2.13",' if pinned else ""
            parts.append(f'''

@batch_feature_view(
    sources=[transactions],
    entities=[user],
    mode="spark_sql",
    online=True,
    offline=True,
    batch_schedule=timedelta(days=1),
    timestamp_field="ts",{pin}
    features=[Attribute("amount_{i}", Float64)],
)
def view_{i}(transactions):
    return f"SELECT user_id, ts, amount AS amount_{i} FROM {{transactions}}"
''')
        write(os.path.join(out, "features", f"views_{f}.py"), "".join(parts))


def main(argv):
    if len(argv) >= 5 and argv[1] == "monorepo":
        monorepo(argv[2], int(argv[3]), int(argv[4]))
    elif len(argv) >= 6 and argv[1] == "pins":
        pins(argv[2], int(argv[3]), int(argv[4]), argv[5] == "pin")
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
