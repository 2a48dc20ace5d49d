//! The repository the benchmark checks, also written by `cargo run --example generate`. It mixes
//! what real ones hold: entities and sources, batch and stream views that import shared constants,
//! and plain helper functions.

use std::path::Path;

pub fn generate(root: &Path, files: usize) {
    std::fs::create_dir_all(root.join("features")).expect("mkdir");
    std::fs::write(root.join(".tecton"), "").expect("marker");
    std::fs::write(root.join("requirements.txt"), "tecton[pyspark]~=1.2.0\n").expect("pin");
    std::fs::write(
        root.join("repo.yaml"),
        "defaults:\n  batch_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n  stream_feature_view:\n    tecton_materialization_runtime: \"1.2.13\"\n",
    )
    .expect("repo.yaml");
    std::fs::write(
        root.join("common.py"),
        "from tecton import Entity, BatchSource, HiveConfig\nfrom tecton.types import Field, String\n\nOWNER = \"data-eng@example.com\"\nuser = Entity(name=\"user\", join_keys=[Field(\"user_id\", String)])\ntransactions = BatchSource(name=\"transactions\", batch_config=HiveConfig(database=\"db\", table=\"t\", timestamp_field=\"ts\"))\n",
    )
    .expect("common");
    for i in 0..files {
        let dir = root.join("features").join(format!("group_{}", i / 100));
        std::fs::create_dir_all(&dir).expect("mkdir");
        let body = format!(
            r#"from datetime import timedelta

from tecton import Aggregate, Attribute, batch_feature_view, stream_feature_view
from tecton.types import Field, Float64

from common import OWNER, transactions, user

WINDOWS = [timedelta(hours=1), timedelta(days=1), timedelta(days=7)]


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
    owner=OWNER,
    features=[Attribute("amount_{i}", Float64)],
    description="Batch feature number {i}",
)
def user_amount_{i}(transactions):
    return f"""
        SELECT user_id, ts, amount AS amount_{i}
        FROM {{transactions}}
        WHERE amount > {i}
    """


@stream_feature_view(
    source=transactions,
    entities=[user],
    mode="pyspark",
    online=True,
    timestamp_field="ts",
    features=[Aggregate(input_column=Field("amount", Float64), function="sum", time_window=w) for w in WINDOWS],
)
def user_stream_{i}(transactions):
    return transactions.select("user_id", "ts", "amount")
"#,
            online = if i % 2 == 0 { "True" } else { "False" },
        );
        std::fs::write(dir.join(format!("features_{i}.py")), body).expect("write");
    }
}
