//! The interpreter on small in-memory repositories: each import style, constant and construct of
//! SPEC §4, and the cases that must stay unknown.

use std::path::Path;

use super::{analyze, PyValue, RawObject};
use crate::model::Kind;
use crate::source::Sources;

fn run(files: &[(&str, &str)]) -> Vec<RawObject> {
    run_with_findings(files).0
}

/// The objects and the findings of the interpretation.
fn run_with_findings(
    files: &[(&str, &str)],
) -> (Vec<RawObject>, Vec<crate::diagnostic::Diagnostic>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut paths = Vec::new();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text).expect("write");
        paths.push(path);
    }
    paths.sort();
    let analysis = analyze(dir.path(), &paths, &Sources::default(), None, None, true);
    (analysis.objects, analysis.diagnostics)
}

fn names(objects: &[RawObject], kind: Kind) -> Vec<String> {
    objects
        .iter()
        .filter(|o| o.kind == kind && !o.implicit)
        .map(|o| {
            o.name
                .as_ref()
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|u| format!("?{}", u.reason))
        })
        .collect()
}

fn arg<'a>(objects: &'a [RawObject], name: &str, key: &str) -> &'a PyValue {
    let object = objects
        .iter()
        .find(|o| !o.implicit && o.name.as_ref().is_ok_and(|(n, _)| n == name))
        .unwrap_or_else(|| panic!("no object {name}"));
    &object
        .arg(key)
        .unwrap_or_else(|| panic!("{name} has no {key}"))
        .value
}

fn text(value: &PyValue) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value:?}"))
}

#[test]
fn every_import_style_finds_tecton_objects() {
    let objects = run(&[
        ("a.py", "from tecton import Entity\nEntity(name='a')\n"),
        ("b.py", "from tecton import Entity as E\nE(name='b')\n"),
        ("c.py", "import tecton\ntecton.Entity(name='c')\n"),
        ("d.py", "import tecton as t\nt.Entity(name='d')\n"),
        (
            "e.py",
            "from tecton.v09_compat import Entity\nEntity(name='e', join_keys=['k'])\n",
        ),
        ("f.py", "from tecton import *\nEntity(name='f')\n"),
        (
            "g.py",
            "from tecton import v09_compat\nv09_compat.Entity(name='g')\n",
        ),
    ]);
    assert_eq!(
        names(&objects, Kind::Entity),
        ["a", "b", "c", "d", "e", "f", "g"]
    );
}

#[test]
fn lookalikes_from_other_libraries_are_not_tecton_objects() {
    let objects = run(&[
        ("feast_defs.py", "from feast import Entity, FeatureView\nEntity(name='x')\nFeatureView(name='y')\n"),
        ("local.py", "class Entity:\n    def __init__(self, name):\n        self.name = name\n\nEntity(name='z')\n"),
        ("undefined.py", "Entity(name='w')\n"),
    ]);
    assert!(objects.is_empty(), "{objects:?}");
}

#[test]
fn constants_resolve_across_modules() {
    let objects = run(&[
        ("config/__init__.py", ""),
        ("config/versions.py", "RUNTIME = '1.2.13'\nPREFIX = 'user_'\n"),
        ("one.py", "from tecton import FeatureTable\nfrom config.versions import RUNTIME\nFeatureTable(name='one', tecton_materialization_runtime=RUNTIME)\n"),
        ("two.py", "from tecton import FeatureTable\nfrom config import versions\nFeatureTable(name=versions.PREFIX + 'two', tecton_materialization_runtime=versions.RUNTIME)\n"),
        ("three.py", "import tecton\nimport config.versions as v\ntecton.FeatureTable(name=f'{v.PREFIX}three', tecton_materialization_runtime=v.RUNTIME)\n"),
        ("four.py", "import tecton\nimport config.versions\ntecton.FeatureTable(name='four', tecton_materialization_runtime=config.versions.RUNTIME)\n"),
    ]);
    assert_eq!(
        names(&objects, Kind::FeatureTable),
        ["four", "one", "user_three", "user_two"]
    );
    for name in ["one", "user_two", "user_three", "four"] {
        assert_eq!(
            text(arg(&objects, name, "tecton_materialization_runtime")),
            "1.2.13"
        );
    }
}

#[test]
fn relative_imports_and_re_exports() {
    let objects = run(&[
        ("features/__init__.py", ""),
        (
            "features/common.py",
            "from tecton import Entity as _E\nEntity = _E\nOWNER = 'ml'\n",
        ),
        (
            "features/views.py",
            "from .common import Entity, OWNER\nEntity(name='user', owner=OWNER)\n",
        ),
        (
            "other.py",
            "from features.common import Entity\nEntity(name='merchant')\n",
        ),
    ]);
    assert_eq!(names(&objects, Kind::Entity), ["user", "merchant"]);
    assert_eq!(text(arg(&objects, "user", "owner")), "ml");
}

#[test]
fn a_missing_submodule_fails_unless_its_package_extends_its_path() {
    let missing = |init: &str| {
        let (_, findings) = run_with_findings(&[
            ("ents/__init__.py", init),
            ("views.py", "import ents.nosuch\n"),
        ]);
        findings
            .iter()
            .any(|d| d.code == "TP001" && d.message.contains("no module named `ents.nosuch`"))
    };
    assert!(missing(""));
    // Another portion of the package, elsewhere on `sys.path`, may hold the module.
    assert!(!missing(
        "import pkgutil\n__path__ = pkgutil.extend_path(__path__, __name__)\n"
    ));
}

#[test]
fn kwargs_from_dict_literals_and_dict_calls() {
    let objects = run(&[(
        "views.py",
        "from tecton import FeatureTable\nBASE = dict(online=True, tecton_materialization_runtime='1.2.13')\nMORE = {**BASE, 'offline': True}\nFeatureTable(name='t1', **BASE)\nFeatureTable(name='t2', **MORE)\n",
    )]);
    assert_eq!(arg(&objects, "t1", "online"), &PyValue::Bool(true));
    assert_eq!(arg(&objects, "t2", "offline"), &PyValue::Bool(true));
    assert_eq!(
        text(arg(&objects, "t2", "tecton_materialization_runtime")),
        "1.2.13"
    );
}

#[test]
fn decorators_name_objects_after_their_function_and_create_a_transformation() {
    let objects = run(&[(
        "views.py",
        "from tecton import batch_feature_view, transformation\n\n@batch_feature_view(mode='spark_sql', online=True)\ndef user_spend(t):\n    return t\n\n@batch_feature_view(name='renamed', mode='pandas')\ndef f(t):\n    return t\n\n@transformation(mode='pandas')\ndef clean(df):\n    return df\n\n@batch_feature_view(mode='pipeline')\ndef piped(t):\n    return clean(t)\n",
    )]);
    assert_eq!(
        names(&objects, Kind::BatchFeatureView),
        ["user_spend", "renamed", "piped"]
    );
    let implicit: Vec<&str> = objects
        .iter()
        .filter(|o| o.implicit)
        .map(|o| o.name.as_ref().map(|(n, _)| n.as_str()).unwrap_or("?"))
        .collect();
    assert_eq!(
        implicit,
        ["user_spend", "renamed"],
        "pipeline mode creates no transformation"
    );
    let piped = objects
        .iter()
        .find(|o| o.name.as_ref().is_ok_and(|(n, _)| n == "piped"))
        .expect("piped");
    assert_eq!(piped.pipeline_modes, ["pandas"]);
}

#[test]
fn literal_loops_unroll_and_helpers_are_followed() {
    let objects = run(&[(
        "views.py",
        "from tecton import Entity\n\nfor region in ['us', 'eu']:\n    Entity(name='user_' + region)\n\ndef make(name, owner='ml'):\n    return Entity(name=name, owner=owner)\n\nmake('merchant')\nmake(name='card', owner='risk')\n\ndef never_called():\n    Entity(name='ghost')\n\n[Entity(name=f'zone_{z}') for z in range(2)]\n",
    )]);
    assert_eq!(
        names(&objects, Kind::Entity),
        ["user_us", "user_eu", "merchant", "card", "zone_0", "zone_1"]
    );
    assert_eq!(text(arg(&objects, "card", "owner")), "risk");
}

/// A list or dict that grows one item at a time is changed in place: these 40,000 appends and
/// updates take a fraction of a second, where a copy of the whole list at every step took
/// minutes (found by the fuzzer). The values are the same.
#[test]
fn a_list_grown_in_a_loop_is_changed_in_place() {
    let views = "from tecton import Entity\nfrom common import NAMES\n\nKEYS = []\nfor i in range(10000):\n    KEYS.append(i)\nfor i in range(10000):\n    KEYS.append(i)\n\ndef build():\n    made = []\n    for i in range(10000):\n        made.append(i)\n    for i in range(10000):\n        made.extend([i])\n    return made\n\nBUILT = build()\nBY_NAME = {}\nfor i in range(10000):\n    BY_NAME['last'] = i\n\nSMALL = []\nfor x in ['a', 'b']:\n    SMALL.append(x)\nfor x in ['c']:\n    NAMES.append(x)\nfor x in SMALL + NAMES:\n    Entity(name='e_' + x, owner=BY_NAME['last'])\n";
    let started = std::time::Instant::now();
    let objects = run(&[("common.py", "NAMES = ['n']\n"), ("views.py", views)]);
    let took = started.elapsed();
    assert!(took < std::time::Duration::from_secs(20), "took {took:?}");
    assert_eq!(names(&objects, Kind::Entity), ["e_a", "e_b", "e_n", "e_c"]);
    assert_eq!(arg(&objects, "e_a", "owner"), &PyValue::Int(9999));
}

#[test]
fn what_cannot_be_known_stays_unknown_with_a_reason() {
    let objects = run(&[(
        "views.py",
        "import os\nfrom tecton import FeatureTable, Entity\nRUNTIME = os.environ['RUNTIME']\nFeatureTable(name='t', tecton_materialization_runtime=RUNTIME, online=flag())\nfor n in os.listdir('.'):\n    Entity(name=n)\n",
    )]);
    match arg(&objects, "t", "tecton_materialization_runtime") {
        PyValue::Unknown(u) => assert!(u.reason.contains("environment"), "{}", u.reason),
        other => panic!("{other:?}"),
    }
    assert!(matches!(arg(&objects, "t", "online"), PyValue::Unknown(_)));
    let entity = objects
        .iter()
        .find(|o| o.kind == Kind::Entity)
        .expect("entity");
    assert!(entity.name.is_err());
    assert!(entity
        .context
        .as_ref()
        .is_some_and(|c| c.reason.contains("loop")));
}

/// Python may or may not make a change under a condition or loop that cannot be decided: the
/// item, attribute, dict or list changed there is unknown afterwards, with the condition as the
/// reason, and what the same statements change where they are decided is followed.
#[test]
fn changes_made_under_an_undecided_condition_are_unknown() {
    let views = "import os\nfrom tecton import Entity\nimport common\n\nclass C:\n    OWNER = 'a'\n\nD = {'k': 'a'}\nL = ['a']\nU = {'k': 'a'}\nC.SET = 'b'\nif os.environ.get('X'):\n    C.OWNER = 'b'\n    D['k'] = 'b'\n    L.append('b')\n    U.update(k='b')\n    common.OWNER = 'b'\nfor item in os.listdir('.'):\n    common.TEAM = 'b'\nif True:\n    D['j'] = 'c'\nEntity(name='class', owner=C.OWNER, description=C.SET)\nEntity(name='item', owner=D['k'], description=D['j'])\nEntity(name='list', owner=L[0])\nEntity(name='update', owner=U['k'])\nEntity(name='module', owner=common.OWNER, description=common.TEAM)\n";
    let objects = run(&[
        ("common.py", "OWNER = 'a'\nTEAM = 'a'\n"),
        ("views.py", views),
    ]);
    let unknown_under = |name: &str, param: &str, condition: &str| match arg(&objects, name, param)
    {
        PyValue::Unknown(u) => {
            assert!(u.reason.contains(condition), "{name}.{param}: {}", u.reason)
        }
        other => panic!("{name}.{param}: {other:?}"),
    };
    for name in ["class", "item", "list", "update", "module"] {
        unknown_under(name, "owner", "if os.environ.get('X')");
    }
    unknown_under("module", "description", "loop over `os.listdir('.')`");
    assert_eq!(arg(&objects, "class", "description").as_str(), Some("b"));
    assert_eq!(arg(&objects, "item", "description").as_str(), Some("c"));
}

#[test]
fn main_guards_and_type_checking_blocks_do_not_run() {
    let objects = run(&[(
        "views.py",
        "from typing import TYPE_CHECKING\nfrom tecton import Entity\nif TYPE_CHECKING:\n    Entity(name='typing')\nif __name__ == '__main__':\n    Entity(name='main')\nelse:\n    Entity(name='imported')\n",
    )]);
    assert_eq!(names(&objects, Kind::Entity), ["imported"]);
}

#[test]
fn class_attributes_are_constants() {
    let objects = run(&[(
        "views.py",
        "from tecton import FeatureTable\nclass Versions:\n    RUNTIME = '1.2.13'\nFeatureTable(name='t', tecton_materialization_runtime=Versions.RUNTIME)\n",
    )]);
    assert_eq!(
        text(arg(&objects, "t", "tecton_materialization_runtime")),
        "1.2.13"
    );
}

#[test]
fn circular_imports_and_recursion_terminate() {
    let objects = run(&[
        (
            "a.py",
            "from b import B\nA = 'a'\nfrom tecton import Entity\nEntity(name='from_a')\n",
        ),
        ("b.py", "from a import A\nB = 'b'\n"),
        ("r.py", "def f(n):\n    return f(n)\nX = f(1)\n"),
    ]);
    assert_eq!(names(&objects, Kind::Entity), ["from_a"]);
}

#[test]
fn unparsable_modules_contribute_nothing_and_are_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.py");
    let bad = dir.path().join("bad.py");
    std::fs::write(
        &good,
        "from tecton import Entity\nfrom bad import NAME\nEntity(name=NAME)\nEntity(name='ok')\n",
    )
    .expect("write");
    std::fs::write(
        &bad,
        "from tecton import Entity\nNAME = 'x'\nEntity(name='bad'\n",
    )
    .expect("write");
    let analysis = analyze(
        dir.path(),
        &[bad.clone(), good],
        &Sources::default(),
        None,
        None,
        true,
    );
    assert_eq!(analysis.failed_files, [bad]);
    assert_eq!(analysis.diagnostics.len(), 1);
    assert_eq!(analysis.diagnostics[0].code, "TP001");
    let names: Vec<String> = analysis
        .objects
        .iter()
        .map(|o| {
            o.name
                .as_ref()
                .map(|(n, _)| n.clone())
                .unwrap_or_else(|u| format!("?{}", u.reason))
        })
        .collect();
    assert_eq!(
        names,
        ["?`NAME` comes from `bad`, which cannot be parsed", "ok"]
    );
    let _ = Path::new("");
}

#[test]
fn dict_and_string_methods_build_names_and_loops() {
    let objects = run(&[(
        "views.py",
        "from tecton import Entity, FeatureTable\nREGIONS = {'us': '1.2.13', 'eu': '1.2.10'}\nfor region, runtime in REGIONS.items():\n    FeatureTable(name='limits_{}'.format(region), tecton_materialization_runtime=runtime)\nfor key in REGIONS.keys():\n    Entity(name='_'.join(['user', key.upper()]))\nfor a, b in zip(['x', 'y'], [1, 2]):\n    Entity(name='{name}{n}'.format(name=a, n=b))\nEntity(name='card-' + REGIONS.get('ap', 'none').replace('n', 'N'))\n",
    )]);
    assert_eq!(
        names(&objects, Kind::FeatureTable),
        ["limits_us", "limits_eu"]
    );
    assert_eq!(
        text(arg(&objects, "limits_eu", "tecton_materialization_runtime")),
        "1.2.10"
    );
    assert_eq!(
        names(&objects, Kind::Entity),
        ["user_US", "user_EU", "x1", "y2", "card-NoNe"]
    );
}

#[test]
fn decorated_functions_give_their_code_only_when_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("views.py");
    std::fs::write(
        &path,
        "from tecton import batch_feature_view\n\n@batch_feature_view(sources=[], entities=[], mode='pandas')\ndef spend(df):\n    return df\n",
    )
    .expect("write");
    let code = |wanted: bool| {
        analyze(
            dir.path(),
            std::slice::from_ref(&path),
            &Sources::default(),
            None,
            None,
            wanted,
        )
        .objects
        .iter()
        .filter(|o| o.code.is_some())
        .count()
    };
    assert!(code(true) > 0);
    assert_eq!(code(false), 0);
}

/// `found` is `known`, in order, then `unknown` names the interpreter could not work out.
fn assert_known_then_unknown(found: &[String], known: &[&str], unknown: usize) {
    assert_eq!(found.len(), known.len() + unknown, "{found:?}");
    assert_eq!(found[..known.len()], *known, "{found:?}");
    assert!(
        found[known.len()..].iter().all(|n| n.starts_with('?')),
        "{found:?}"
    );
}

#[test]
fn percent_formatting_and_integer_arithmetic_are_followed_as_python_does() {
    let objects = run(&[(
        "e.py",
        r#"from tecton import Entity
P = "team"
Entity(name="%s_a" % P)
Entity(name="%s_%d" % (P, 7))
Entity(name="v%03d" % 5)
Entity(name="%-4s|%3s" % ("ab", "c"))
Entity(name="%r%i" % ("q", True))
Entity(name="100%% %s %s" % (True, None))
Entity(name="n%d" % (-7 % 3))
Entity(name="f%d" % (-7 // 2))
Entity(name="%05d" % -42)
Entity(name="%s" % ["x"])
Entity(name="%s %s" % ("a",))
Entity(name="%s" % ("a", "b"))
Entity(name="%d" % "a")
Entity(name="%.2s" % "abc")
Entity(name="n%d" % (9223372036854775807 + 1))
Entity(name="z%d" % (1 % 0))
"#,
    )]);
    let found = names(&objects, Kind::Entity);
    // A list is formatted whole, too few or too many arguments and `%d` of a string raise, a
    // precision is not followed, an int past 64 bits and a division by zero are not either.
    assert_known_then_unknown(
        &found,
        &[
            "team_a",
            "team_7",
            "v005",
            "ab  |  c",
            "'q'1",
            "100% True None",
            "n2",
            "f-4",
            "-0042",
        ],
        7,
    );
}

#[test]
fn bool_int_str_and_sorted_of_known_values() {
    let objects = run(&[(
        "e.py",
        r#"from tecton import Entity
Entity(name="b" + str(bool(0)) + str(bool("x")) + str(bool()))
Entity(name="i" + str(int("1_000") + int(" -5 ") + int(3.9) + int(True) + int()))
Entity(name="s" + str(None) + str(False) + str())
Entity(name=sorted(["b", "a", "c"], reverse=True)[0])
Entity(name=sorted(["b", "a"], reverse=False)[0])
Entity(name=sorted(["b", "a"], key=len)[0])
Entity(name=str(int("1__0")))
Entity(name=str(bool(UNDEFINED)))
"#,
    )]);
    let found = names(&objects, Kind::Entity);
    assert_known_then_unknown(
        &found,
        &["bFalseTrueFalse", "i999", "sNoneFalse", "c", "a"],
        3,
    );
}

#[test]
fn a_partial_of_a_repository_function_is_followed() {
    let objects = run(&[(
        "e.py",
        r#"import functools
from functools import partial
from tecton import Entity

def make(name, owner="x", **more):
    return Entity(name=name, owner=owner, **more)

mk = functools.partial(make, owner="team")
mk("p1")
mk("p2", owner="other")
partial(make, "p3")()
partial(make, **{"owner": "y"})("p4")
"#,
    )]);
    assert_eq!(names(&objects, Kind::Entity), ["p1", "p2", "p3", "p4"]);
    assert_eq!(text(arg(&objects, "p1", "owner")), "team");
    assert_eq!(text(arg(&objects, "p2", "owner")), "other");
    assert_eq!(text(arg(&objects, "p3", "owner")), "x");
    assert_eq!(text(arg(&objects, "p4", "owner")), "y");
}

#[test]
fn a_factory_handed_to_code_that_is_not_followed_is_a_finding() {
    let (objects, findings) = run_with_findings(&[(
        "e.py",
        r#"from tecton import Entity, batch_feature_view
from registry import REGISTRY

def make(n):
    return Entity(name=n)

def twice(n):
    return make(n)

def parse(s):
    return s.strip()

views = list(map(make, ["a", "b"]))
more = list(map(twice, ["c"]))
cleaned = list(map(parse, ["x"]))
print(make)
for n in ["d", "e"]:
    REGISTRY.add(lambda: Entity(name=n))
entities = list(map(Entity, ["f"]))
import functools
functools.partial(Entity, owner="team")(name="g")
"#,
    )]);
    assert!(names(&objects, Kind::Entity).is_empty());
    let messages: Vec<&str> = findings
        .iter()
        .filter(|d| d.code == "TP002")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 5, "{messages:#?}");
    assert!(messages[0].starts_with("`make` constructs Tecton objects and is handed to `map(...)`"));
    assert!(messages[1].starts_with("`twice` constructs"));
    assert!(messages[2]
        .starts_with("`lambda` constructs Tecton objects and is handed to `REGISTRY.add(...)`"));
    assert!(
        messages[3].starts_with("`Entity` constructs Tecton objects and is handed to `map(...)`")
    );
    assert!(messages[4].starts_with(
        "`Entity` constructs Tecton objects and is called through `functools.partial`"
    ));
}

#[test]
fn a_module_reads_its_dotted_name_as_tecton_imports_it() {
    let objects = run(&[
        (
            "views/spend.py",
            "from tecton import Entity\nEntity(name=__name__.replace('.', '_'))\nEntity(name='x_' + __name__.split('.')[-1])\n",
        ),
        ("top.py", "from tecton import Entity\nEntity(name=f'top_{__name__}')\n"),
        // A package's `__init__.py` runs as `pkg`, then as `pkg.__init__`.
        ("pkg/__init__.py", "from tecton import Entity\nEntity(name='p_' + __name__)\n"),
    ]);
    let mut found = names(&objects, Kind::Entity);
    found.sort();
    assert_eq!(found.len(), 5, "{found:?}");
    assert!(found[..2].iter().all(|n| n.starts_with('?')), "{found:?}");
    assert_eq!(found[2..], ["top_top", "views_spend", "x_spend"]);
}

#[test]
fn f_string_fields_with_a_format_spec_or_a_conversion() {
    let objects = run(&[(
        "e.py",
        r#"from tecton import Entity
i = 5
n = -5
s = "ab"
b = True
for name in [f"{i:02d}", f"{n:03}", f"{s:>5}", f"{s:*^5}", f"{s:<4}|", f"{i:+}", f"{i: d}",
             f"{n:=+6}", f"{s!r}", f"{i!s:>3}", f"{b!s}", f"{None!r}", f"{i:x>4d}", f"{s:s}"]:
    Entity(name=name)
Entity(name=f"{i:.2f}")
Entity(name=f"{b:>5}")
Entity(name=f"{s:{i}}")
Entity(name=f"{i:,}")
Entity(name=f"{s:05}")
"#,
    )]);
    let found = names(&objects, Kind::Entity);
    // A precision, a bool with a spec (formatted as an int), a nested field, grouping, and a
    // zero-padded string are not followed.
    assert_known_then_unknown(
        &found,
        &[
            "05", "-05", "   ab", "*ab**", "ab  |", "+5", " 5", "-    5", "'ab'", "  5", "True",
            "None", "xxx5", "ab",
        ],
        5,
    );
}

#[test]
fn max_min_any_and_all_of_known_values() {
    let objects = run(&[(
        "e.py",
        r#"from tecton import Entity
Entity(name=max(["w1", "w3", "w2"]))
Entity(name="m" + str(min(3, 1, 2)))
Entity(name=f"{any([0, '', 1])}{all([1, 'x'])}{all([])}{any([])}")
Entity(name=max("1.2.9", "1.2.13"))
Entity(name=max(["a", 1]))
Entity(name=max(["a"], key=len))
Entity(name=str(min([])))
Entity(name=str(any([UNKNOWN_NAME])))
"#,
    )]);
    let found = names(&objects, Kind::Entity);
    assert_known_then_unknown(&found, &["w3", "m1", "TrueTrueTrueFalse", "1.2.9"], 4);
}
