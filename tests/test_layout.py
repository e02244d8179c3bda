"""The package tree shows the layers, and imports run one way: top to bottom.

    cli → report, explorer, study → views, export → measures.context → measures wings
    → filters, dormancy, graphs → store → ingest → resolution → loaders → summary
    → model, reference, errors

A module may import modules of its own layer or of a lower one, never of a higher
one; no module imports a ``_private`` name of another; measures live under
``measures/<wing>/``; the package root stays small. Read from the source with
``ast``, so nothing is imported or run.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "ecosystem"

#: Layer of each module prefix, 0 = top. The longest matching prefix wins.
LAYERS = {
    "ecosystem.cli": 0,
    "ecosystem.report": 1, "ecosystem.explorer": 1, "ecosystem.study": 1,
    "ecosystem.views": 2, "ecosystem.export": 2,
    "ecosystem.measures.context": 3,
    "ecosystem.measures": 4,
    "ecosystem.filters": 5, "ecosystem.dormancy": 5, "ecosystem.graphs": 5,
    "ecosystem.store": 6,
    "ecosystem.ingest": 7,
    "ecosystem.resolution": 8,
    "ecosystem.loaders": 9, "ecosystem.fetch": 9,
    "ecosystem.summary": 10, "ecosystem.kinds": 10,
    "ecosystem.model": 11, "ecosystem.untrusted": 11, "ecosystem.reference": 11, "ecosystem.errors": 11,
    "ecosystem.arrow_memory": 11, "ecosystem.id_lookups": 11,
}

WINGS = ("network", "coordination", "power", "time")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> int | None:
    best = None
    for prefix, layer in LAYERS.items():
        if module == prefix or module.startswith(prefix + "."):
            if best is None or len(prefix) > len(best[0]):
                best = (prefix, layer)
    return None if best is None else best[1]


def _imports(path: Path):
    """(line, imported module, names) of every ``ecosystem`` import in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] == "ecosystem":
                names = [a.name for a in node.names]
                if node.module == "ecosystem":  # `from ecosystem import loaders` names modules
                    for n in names:
                        yield node.lineno, f"ecosystem.{n}", []
                else:
                    yield node.lineno, node.module, names
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.split(".")[0] == "ecosystem":
                    yield node.lineno, a.name, []


MODULES = sorted(p for p in PACKAGE.rglob("*.py"))


def test_every_module_has_a_layer():
    missing = [_module_name(p) for p in MODULES
               if _module_name(p) != "ecosystem" and _layer(_module_name(p)) is None]
    assert missing == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_imports_run_down_the_layers(path):
    me = _module_name(path)
    if me == "ecosystem":  # the package face re-exports from below
        return
    mine = _layer(me)
    upward = []
    for line, target, _ in _imports(path):
        theirs = _layer(target)
        if target in ("ecosystem", "ecosystem.__version__"):
            continue
        if theirs is not None and theirs < mine:
            upward.append(f"line {line}: {target} (layer {theirs}) from layer {mine}")
    assert upward == []


def test_wings_do_not_import_the_shared_context():
    bad = [(_module_name(p), line) for p in (PACKAGE / "measures").rglob("*.py")
           if p.name != "context.py"
           for line, target, _ in _imports(p) if target == "ecosystem.measures.context"]
    assert bad == []


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_no_private_name_is_imported_from_another_module(path):
    private = [f"line {line}: {name} from {target}" for line, target, names in _imports(path)
               for name in names if name.startswith("_") and not name.startswith("__")]
    assert private == []


def test_package_root_holds_at_most_twelve_modules():
    root = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(root) <= 12, root


def test_every_measure_is_in_a_wing():
    """Nothing under measures/ sits outside a wing except the shared context."""
    loose = sorted(p.name for p in (PACKAGE / "measures").glob("*.py"))
    assert loose == ["__init__.py", "context.py"]
    for wing in WINGS:
        assert (PACKAGE / "measures" / wing / "__init__.py").is_file()


@pytest.mark.parametrize("path", [p for p in MODULES if p.name != "__init__.py"
                                  or p.parent.name in WINGS],
                         ids=lambda p: _module_name(p))
def test_public_modules_declare_all(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {t.id for node in tree.body if isinstance(node, ast.Assign)
             for t in node.targets if isinstance(t, ast.Name)}
    assert "__all__" in names


def _unannotated(fn: ast.FunctionDef) -> list[str]:
    args = fn.args.posonlyargs + fn.args.args + fn.args.kwonlyargs
    args += [a for a in (fn.args.vararg, fn.args.kwarg) if a]
    bad = [a.arg for a in args if a.annotation is None and a.arg not in ("self", "cls")]
    return bad + (["return"] if fn.returns is None and fn.name != "__init__" else [])


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _module_name(p))
def test_public_functions_have_type_hints(path):
    """Every function named in ``__all__``, and the public methods of public classes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    public = set()
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__"
                                                for t in node.targets):
            public = set(ast.literal_eval(node.value))
    missing = []
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and node.name in public:
            missing += [f"{node.name}: {a}" for a in _unannotated(node)]
        if isinstance(node, ast.ClassDef) and node.name in public:
            for m in node.body:
                if isinstance(m, ast.FunctionDef) and (not m.name.startswith("_")
                                                       or m.name == "__init__"):
                    missing += [f"{node.name}.{m.name}: {a}" for a in _unannotated(m)]
    assert missing == []
