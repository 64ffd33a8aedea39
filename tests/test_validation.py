"""The SDK's own checker of caller values (`_validation`) agrees with jsonschema, which the fake uses.

Both read the bundled spec. For every operation with a JSON request body and every query
parameter, hypothesis draws values valid by the spec and values made wrong in one or two places
(a wrong JSON type, a missing required field, a number out of range, a string too short or not
matching its pattern, a misspelt enum value, a bad array item, ...). `check_body` and
`check_query` must refuse a value exactly when jsonschema reports an error, except where the
SDK leaves the call to the API on purpose, as its module docstring says; `_excused` encodes those
differences one by one, so any other disagreement fails. Then the messages: they name the
operation, the field and what is allowed, and never show a secret.
"""

from __future__ import annotations

import difflib
import json
from collections import Counter
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from betterstack.uptime import ValidationError
from betterstack.uptime._validation import _NEAR_MISS, _problems, check_body, check_query, refused_nulls

from spec_bodies import JSON_VALUES, Bodies, merged_schema
from spec_helpers import Operation, body_pointer, operations, query_pointers, resolve, schema_validator, spec

Path = tuple[str | int, ...]

BODY_OPERATIONS = [operation for operation in operations() if body_pointer(operation)]
QUERY_OPERATIONS = [operation for operation in operations() if query_pointers(operation)]
VALID = Bodies(frozenset())


# Deterministic (CI sees the same cases every run) and bounded (the whole module in seconds).
BODY_CASES = settings(
    max_examples=30,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
# A query case holds a value for each of the operation's parameters.
QUERY_CASES = settings(BODY_CASES, max_examples=20)
# What was checked, by outcome and by kind of mistake: printed at the end of a run with `-s`.
TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_the_tally() -> Iterator[None]:
    yield
    if TALLY:
        print("\ncases checked:", ", ".join(f"{key} {count}" for key, count in sorted(TALLY.items())))


# The oracle: jsonschema's errors without the differences the SDK documents --------------------


def _excused(error: Any) -> bool:
    """Whether `error` (a jsonschema error) is one the SDK leaves to the API on purpose.

    Formats need no rule here: jsonschema checks them only when given a format checker, and it
    is given none, as the SDK leaves `date-time` and `email` to the API. `x-case-variant`
    options need none either: the SDK drops them (`_options`) because they re-admit only the enum
    beside them in another letter case, which the enum rule below excuses already; were an option
    to admit more, jsonschema would accept what the SDK refuses and this test would fail.
    """
    if error.instance is None:
        # Null is never refused: the API returns null for fields its request schemas call
        # non-nullable and must get back what it returned.
        return True
    if error.validator == "enum":
        return _left_to_the_api(error.instance, error.validator_value)
    if error.validator == "anyOf":
        # The SDK accepts what any option accepts, so an option failing only on excused errors
        # excuses the whole.
        by_option: dict[int, list[Any]] = {}
        for inner in error.context:
            by_option.setdefault(inner.relative_schema_path[0], []).append(inner)
        return any(all(_excused(inner) for inner in found) for found in by_option.values())
    return False


def _left_to_the_api(value: Any, allowed: list[Any]) -> bool:
    """An enum value the SDK sends unchecked: anything but a string that is a near-miss typo."""
    if not isinstance(value, str):
        return True  # only a string can be misspelt
    if value.casefold() in {str(option).casefold() for option in allowed}:
        return True  # letter case is the API's to judge (it takes `GET` for `get`)
    # Enums stay open: a value far from every documented one may be new to the spec.
    return not difflib.get_close_matches(value, [str(option) for option in allowed], n=1, cutoff=_NEAR_MISS)


_validator = cache(schema_validator)


def _errors(pointer: str, value: Any) -> list[str]:
    """jsonschema's errors for `value` that the SDK must also report (none means it must accept)."""
    found = _validator(pointer).iter_errors(value)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
        for error in found
        if not _excused(error)
    ]


def _refusal(check: Callable[[], None]) -> str | None:
    try:
        check()
    except ValidationError as error:
        return str(error)
    return None


# Drawing cases: a valid value, then mistakes aimed at what the schema constrains --------------

# One value of each JSON type (and two kinds of numbers), for wrong types and bad array items.
SAMPLES: list[Any] = ["", "x", 0, 7, -3, 1.5, True, False, [], ["x"], [1], {}, {"x": 1}]

# The kinds of mistake that fit nearly every node; the others each need a keyword.
ANY_NODE = {"null", "wrong JSON type", "integer written as a float", "unknown field"}
Mistake = Callable[[Any], SearchStrategy[Any]]
# How to reach a node from the top: ("property", name, schema), ("item", None, schema) or
# ("option", index, schema) for an option of `anyOf`.
Step = tuple[str, str | int | None, dict[str, Any]]


def _kind(value: Any) -> str:
    """The JSON type of `value`; 2.0 is an integer, as jsonschema and the SDK both count it."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


@cache
def _kinds_of(schema_text: str) -> frozenset[str] | None:
    """The JSON types a schema admits (None: any), roughly: only used to aim mistakes."""
    flat = merged_schema(json.loads(schema_text))
    options = flat.get("anyOf") or flat.get("oneOf")
    if options:
        found: set[str] = set()
        for option in options:
            admitted = _kinds(option)
            if admitted is None:
                return None
            found |= admitted
        return frozenset(found)
    declared = flat.get("type")
    if declared is None:
        if "enum" in flat:
            return frozenset(_kind(value) for value in flat["enum"])
        return frozenset({"object"}) if "properties" in flat else None
    kinds: set[str] = {declared} if isinstance(declared, str) else set(declared)
    return frozenset(kinds | ({"integer"} if "number" in kinds else set()))


@cache
def _valid_of(schema_text: str) -> SearchStrategy[Any]:
    return VALID.body(json.loads(schema_text))


def _valid(schema: dict[str, Any]) -> SearchStrategy[Any]:
    """Values valid by `schema` (built once per schema: building is what costs)."""
    return _valid_of(json.dumps(schema, sort_keys=True))


def _kinds(schema: dict[str, Any]) -> frozenset[str] | None:
    return _kinds_of(json.dumps(schema, sort_keys=True))


def _fits(value: Any, schema: dict[str, Any]) -> bool:
    kinds, flat = _kinds(schema), merged_schema(schema)
    return (kinds is None or _kind(value) in kinds) and ("enum" not in flat or value in flat["enum"])


def _typos(word: str) -> list[str]:
    """Misspellings of `word`: letters swapped, dropped, doubled or replaced."""
    found = set()
    for i in range(len(word)):
        found |= {word[:i] + word[i + 1 :], word[:i] + word[i] + word[i:], word[:i] + "x" + word[i + 1 :]}
        if i + 1 < len(word):
            found.add(word[:i] + word[i + 1] + word[i] + word[i + 2 :])
    return sorted(found - {word})


def _around(flat: dict[str, Any], keys: tuple[str, str]) -> list[int]:
    """Each bound of `flat` named in `keys`, one below and one above: the edges and just past them."""
    return [flat[key] + step for key in keys if key in flat for step in (-1, 0, 1)]


def _mistakes(flat: dict[str, Any]) -> dict[str, Mistake]:
    """The kinds of mistake a node described by `flat` can hold, each drawing a replacement for it."""
    found: dict[str, Mistake] = {"null": lambda _: st.just(None)}
    kinds = _kinds(flat)
    wrong = [sample for sample in SAMPLES if kinds is not None and _kind(sample) not in kinds]
    if wrong:
        found["wrong JSON type"] = lambda _: st.sampled_from(wrong)
    if kinds is not None and "integer" in kinds:
        found["integer written as a float"] = lambda value: st.just(float(value if _kind(value) == "integer" else 1))
    if bounds := _around(flat, ("minimum", "maximum")):
        fractions = [bound + 0.5 for bound in bounds] if kinds is None or "number" in kinds else []
        found["number out of range"] = lambda _: st.sampled_from(bounds + fractions)
    if lengths := [size for size in _around(flat, ("minLength", "maxLength")) if size >= 0]:
        found["string length"] = lambda _: st.sampled_from(lengths).map(lambda size: "a" * size)
    if "pattern" in flat:
        # A trailing newline: Python's `$` matches before it, in the SDK and in jsonschema alike.
        def near(value: Any) -> SearchStrategy[Any]:
            text = value if isinstance(value, str) else "00:00"
            return st.sampled_from([text + "x", "x" + text, text[:-1], text + "\n", text.replace("0", "O")])

        found["pattern mismatch"] = lambda value: near(value) | st.text(max_size=8)
    texts = [value for value in flat.get("enum", []) if isinstance(value, str)]
    if texts:
        found["misspelt enum value"] = lambda _: st.sampled_from([typo for text in texts for typo in _typos(text)])
        found["enum value in another case"] = lambda _: st.sampled_from(texts).map(str.swapcase)
        found["unknown enum value"] = lambda _: st.from_regex(r"future_[a-z]{1,8}", fullmatch=True)
    elif "enum" in flat:
        unknown = sorted({value + 1 for value in flat["enum"]} - set(flat["enum"]))
        found["unknown enum value"] = lambda _: st.sampled_from(unknown)
    if flat.get("required"):
        found["missing required field"] = lambda value: st.sampled_from(flat["required"]).map(
            lambda key: {k: v for k, v in value.items() if k != key} if isinstance(value, dict) else value
        )
    if "properties" in flat or isinstance(flat.get("additionalProperties"), dict):
        found["unknown field"] = lambda value: JSON_VALUES.map(
            lambda extra: {**value, "extra_field": extra} if isinstance(value, dict) else value
        )
    if isinstance(flat.get("items"), dict):
        item_kinds = _kinds(flat["items"])
        if bad := [sample for sample in SAMPLES if item_kinds is not None and _kind(sample) not in item_kinds]:
            found["bad array item"] = lambda value: st.sampled_from(bad).map(
                lambda item: [*value, item] if isinstance(value, list) else [item]
            )
        if sizes := [size for size in _around(flat, ("minItems", "maxItems")) if size >= 0]:
            # One valid item repeated: 51 drawn ones would overrun hypothesis's budget for a case.
            found["number of items"] = lambda _: st.tuples(_valid(flat["items"]), st.sampled_from(sizes)).map(
                lambda pair: [pair[0]] * pair[1]
            )
    return found


def _sites(schema: dict[str, Any], steps: tuple[Step, ...] = ()) -> Iterator[tuple[tuple[Step, ...], dict[str, Any]]]:
    """Every node a value of `schema` can have, as the steps that reach it and its schema."""
    flat = merged_schema(schema)
    yield steps, flat
    for index, option in enumerate(flat.get("anyOf") or flat.get("oneOf") or []):
        yield from _sites(option, (*steps, ("option", index, option)))
    for name, sub in flat.get("properties", {}).items():
        yield from _sites(sub, (*steps, ("property", name, sub)))
    extra = flat.get("additionalProperties")
    if isinstance(extra, dict):
        yield from _sites(extra, (*steps, ("property", "some_key", extra)))
    if isinstance(flat.get("items"), dict):
        yield from _sites(flat["items"], (*steps, ("item", None, flat["items"])))


def _grow(draw: st.DrawFn, value: Any, schema: dict[str, Any], steps: tuple[Step, ...]) -> tuple[Any, Path]:
    """`value` changed as little as needed to hold the node `steps` reach, and that node's path."""
    if not steps:
        return (value if _fits(value, schema) else draw(_valid(schema))), ()
    (kind, key, sub), rest = steps[0], steps[1:]
    if kind == "option":
        return _grow(draw, value if _fits(value, sub) else draw(_valid(sub)), sub, rest)
    if kind == "property":
        if not isinstance(value, dict):
            value = draw(_valid(schema))
        assert isinstance(key, str) and isinstance(value, dict)
        inner, path = _grow(draw, value.get(key), sub, rest)
        return {**value, key: inner}, (key, *path)
    if not isinstance(value, list) or not value:
        value = [draw(_valid(sub))]
    index = draw(st.integers(0, len(value) - 1))
    inner, path = _grow(draw, value[index], sub, rest)
    return [*value[:index], inner, *value[index + 1 :]], (index, *path)


def _replaced(value: Any, path: Path, new: Any) -> Any:
    """A copy of `value` with the node at `path` replaced by `new`."""
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {**value, head: _replaced(value[head], rest, new)}
    return [*value[: int(head)], _replaced(value[int(head)], rest, new), *value[int(head) + 1 :]]


def _node(value: Any, path: Path) -> Any:
    for step in path:
        value = value[step]
    return value


def _schema_at(pointer: str) -> dict[str, Any]:
    """The schema at a `#/...` pointer into the spec (which may pass through lists)."""
    node: Any = spec()
    for part in pointer.removeprefix("#/").split("/"):
        node = node[int(part)] if isinstance(node, list) else node[part.replace("~1", "/").replace("~0", "~")]
    return resolve(node)


def cases(schema: dict[str, Any]) -> SearchStrategy[tuple[Any, list[str]]]:
    """A value valid by `schema` with none, one or two mistakes in it; and the kinds of mistake.

    The kind is drawn first, then a node of the schema that can hold it, and the value is grown
    to have that node: null and wrong types fit every node, a pattern only a few deep in a list.
    """
    offered: dict[str, list[tuple[tuple[Step, ...], dict[str, Any]]]] = {}
    for steps, flat in _sites(schema):
        for kind in _mistakes(flat):
            offered.setdefault(kind, []).append((steps, flat))

    # Each kind tied to a keyword three times as often as those that fit any node.
    kinds = sorted(kind for kind in offered for _ in range(1 if kind in ANY_NODE else 3))

    @st.composite
    def draw_case(draw: st.DrawFn) -> tuple[Any, list[str]]:
        value = draw(_valid(schema))
        made: list[str] = []
        for _ in range(draw(st.sampled_from([0, 1, 1, 2]))):
            kind = draw(st.sampled_from(kinds))
            steps, flat = draw(st.sampled_from(offered[kind]))
            value, path = _grow(draw, value, schema, steps)
            value = _replaced(value, path, draw(_mistakes(flat)[kind](_node(value, path))))
            made.append(kind)
        return value, made

    return draw_case()


def _tally(made: list[str], refused: bool) -> None:
    TALLY["refused" if refused else "accepted"] += 1
    for kind in made or ["none"]:
        TALLY[f"mistake: {kind}"] += 1


# Agreement --------------------------------------------------------------------------------------


@pytest.mark.parametrize("operation", BODY_OPERATIONS, ids=[operation.operation_id for operation in BODY_OPERATIONS])
def test_check_body_refuses_exactly_what_jsonschema_refuses(operation: Operation) -> None:
    pointer = body_pointer(operation)
    assert pointer is not None
    schema = {"$ref": pointer}
    outcomes: Counter[bool] = Counter()

    @BODY_CASES
    @given(cases(schema))
    def agree(case: tuple[Any, list[str]]) -> None:
        body, made = case
        expected = _errors(pointer, body)
        refusal = _refusal(lambda: check_body(operation.operation_id, body))
        assert (refusal is not None) == bool(expected), (
            f"{operation.operation_id} {made}: {body!r}\n  jsonschema: {expected}\n  SDK: {refusal}"
        )
        outcomes[bool(expected)] += 1
        _tally(made, bool(expected))

    agree()
    assert outcomes[True] and outcomes[False], f"the cases must reach both outcomes: {outcomes}"


@pytest.mark.parametrize("operation", QUERY_OPERATIONS, ids=[operation.operation_id for operation in QUERY_OPERATIONS])
def test_check_query_refuses_exactly_what_jsonschema_refuses(operation: Operation) -> None:
    pointers = query_pointers(operation)
    outcomes: Counter[bool] = Counter()

    @QUERY_CASES
    @given(st.fixed_dictionaries({name: cases(_schema_at(pointer)) for name, pointer in pointers.items()}))
    def agree(query: dict[str, tuple[Any, list[str]]]) -> None:
        for name, (value, made) in query.items():
            expected = _errors(pointers[name], value)
            refusal = _refusal(lambda: check_query(operation.operation_id, name, value))  # noqa: B023
            assert (refusal is not None) == bool(expected), (
                f"{operation.operation_id} {name} {made}: {value!r}\n  jsonschema: {expected}\n  SDK: {refusal}"
            )
            outcomes[bool(expected)] += 1
            _tally(made, bool(expected))

    agree()
    assert outcomes[True] and outcomes[False], f"the cases must reach both outcomes: {outcomes}"


@pytest.mark.parametrize("operation", BODY_OPERATIONS, ids=[operation.operation_id for operation in BODY_OPERATIONS])
def test_refused_nulls_are_the_fields_whose_schema_takes_no_null(operation: Operation) -> None:
    pointer = body_pointer(operation)
    assert pointer is not None
    properties = merged_schema({"$ref": pointer}).get("properties", {})
    for name in properties:
        # Checked strictly, without `_excused`: this is where the SDK asks what jsonschema says of null.
        strict = [e for e in _validator(pointer).iter_errors({name: None}) if list(e.absolute_path) == [name]]
        assert (name in refused_nulls(operation.operation_id, {name: None})) == bool(strict), (
            f"{operation.operation_id}.{name}: {[e.message for e in strict]}"
        )


# The keywords the SDK checks, and those it leaves to the API or that only annotate.
CHECKED = {"type", "enum", "minimum", "maximum", "minLength", "maxLength", "pattern", "items", "minItems"}
CHECKED |= {"maxItems", "required", "properties", "additionalProperties", "anyOf", "allOf", "$ref"}
NOT_CHECKED = {"format", "description", "example", "examples", "title", "default", "deprecated", "readOnly"}
NOT_CHECKED |= {"writeOnly", "x-secret", "x-case-variant"}


def _keywords(schema: Any, seen: set[str]) -> Iterator[str]:
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        if schema["$ref"] in seen:
            return
        seen.add(schema["$ref"])
    for keyword, value in schema.items():
        yield "additionalProperties: false" if keyword == "additionalProperties" and value is False else keyword
        if keyword in ("properties", "$defs"):
            for sub in value.values():
                yield from _keywords(sub, seen)
        elif keyword in ("anyOf", "allOf", "oneOf"):
            for sub in value:
                yield from _keywords(sub, seen)
        elif keyword in ("items", "additionalProperties", "not"):
            yield from _keywords(value, seen)
    if "$ref" in schema:
        yield from _keywords(_schema_at(schema["$ref"]), seen)


def test_the_spec_uses_only_keywords_the_checker_knows() -> None:
    # A keyword outside these lists (`oneOf`, `const`, `additionalProperties: false`...) would be
    # one the SDK silently ignores: teach `_validation` about it, or list it as left to the API.
    seen: set[str] = set()
    used = set()
    for operation in operations():
        pointer = body_pointer(operation)
        pointers = [*([pointer] if pointer else []), *query_pointers(operation).values()]
        for each in pointers:
            used |= set(_keywords({"$ref": each}, seen))
    assert used - CHECKED - NOT_CHECKED == set()


# The messages -----------------------------------------------------------------------------------


def _fields(test: Callable[[dict[str, Any]], bool]) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """Each top-level body field whose (flattened) schema passes `test`, as the operation id, the
    field, its schema and the body's other required fields filled from the spec's example."""
    for operation in BODY_OPERATIONS:
        pointer = body_pointer(operation)
        assert pointer is not None
        schema = merged_schema({"$ref": pointer})
        example = operation.definition["requestBody"]["content"]["application/json"]["example"]
        for name, sub in schema.get("properties", {}).items():
            flat = merged_schema(sub)
            if test(flat):
                required = {key: example[key] for key in schema.get("required", []) if key != name}
                yield operation.operation_id, name, flat, required


def _field(test: Callable[[dict[str, Any]], bool]) -> tuple[str, str, dict[str, Any], dict[str, Any]]:
    """The first of `_fields(test)`."""
    for found in _fields(test):
        return found
    raise AssertionError("the spec has no body field of this kind any more: pick another")


def _message(operation: str, body: Any, secrets: frozenset[str] = frozenset()) -> str:
    with pytest.raises(ValidationError) as caught:
        check_body(operation, body, secrets=secrets)
    return str(caught.value)


def _plain(kind: str) -> Callable[[dict[str, Any]], bool]:
    """A test for a field of one JSON type and nothing more (no enum, options or secret)."""
    return lambda flat: flat.get("type") == kind and not {"enum", "anyOf", "x-secret", "writeOnly"} & set(flat)


def _has_a_long_name(flat: dict[str, Any]) -> bool:
    return "x-secret" not in flat and any(isinstance(value, str) and len(value) > 4 for value in flat.get("enum", []))


def _misspelt(flat: dict[str, Any]) -> tuple[str, str]:
    """A documented value of `flat`'s enum, and that value with its second and third letters swapped."""
    meant = next(value for value in flat["enum"] if isinstance(value, str) and len(value) > 4)
    return meant, meant[0] + meant[2] + meant[1] + meant[3:]


def test_a_wrong_type_names_operation_field_value_and_the_type_allowed() -> None:
    operation, name, _, required = _field(_plain("integer"))
    message = _message(operation, {**required, name: "often"})
    assert message == f"{operation}: {name} must be an integer, not 'often' (str) (nothing was sent)"


def test_a_number_out_of_range_names_the_bound() -> None:
    operation, name, flat, required = _field(lambda flat: "minimum" in flat and "maximum" in flat)
    low, high = flat["minimum"], flat["maximum"]
    below = _message(operation, {**required, name: low - 1})
    assert below == f"{operation}: {name} must be at least {low}, not {low - 1} (int) (nothing was sent)"
    above = _message(operation, {**required, name: high + 1})
    assert above == f"{operation}: {name} must be at most {high}, not {high + 1} (int) (nothing was sent)"


def test_missing_required_fields_are_all_named() -> None:
    for operation in BODY_OPERATIONS:
        required = merged_schema({"$ref": body_pointer(operation)}).get("required", [])
        if len(required) > 1:
            message = _message(operation.operation_id, {})
            fields = ", ".join(required)
            assert message == f"{operation.operation_id}: missing the required fields {fields} (nothing was sent)"
            return
    raise AssertionError("no body has two required fields any more")


def test_an_empty_string_where_one_is_needed_is_named() -> None:
    operation, name, _, required = _field(lambda flat: flat.get("minLength") == 1)
    assert _message(operation, {**required, name: ""}) == f"{operation}: {name} must not be empty (nothing was sent)"


def test_too_many_items_names_the_limit() -> None:
    operation, name, flat, required = _field(lambda flat: "maxItems" in flat)
    too_many = flat["maxItems"] + 1
    message = _message(operation, {**required, name: [None] * too_many})
    assert message == f"{operation}: {name} takes at most {flat['maxItems']} item(s), not {too_many} (nothing was sent)"


def test_lengths_the_spec_does_not_use_yet_are_named_too() -> None:
    text: dict[str, Any] = {"type": "string", "minLength": 3, "maxLength": 5}
    assert _problems("ab", text, "code", False) == ["code needs at least 3 characters"]
    assert _problems("abcdef", text, "code", False) == ["code takes at most 5 characters, not 6"]
    assert _problems([], {"type": "array", "minItems": 2}, "tags", False) == ["tags needs at least 2 item(s)"]


def test_a_pattern_mismatch_shows_the_pattern() -> None:
    operation, name, flat, required = _field(lambda flat: "pattern" in flat and "x-secret" not in flat)
    message = _message(operation, {**required, name: "soon"})
    assert message == f"{operation}: {name} must match {flat['pattern']}, not 'soon' (str) (nothing was sent)"


def test_a_misspelt_enum_value_lists_the_documented_ones_and_the_likely_one() -> None:
    operation, name, flat, required = _field(_has_a_long_name)
    meant, typo = _misspelt(flat)
    message = _message(operation, {**required, name: typo})
    allowed = ", ".join(map(str, flat["enum"]))
    assert message == (
        f"{operation}: {name} {typo!r} is not one of: {allowed} (did you mean {meant!r}?) (nothing was sent)"
    )


def test_a_bad_item_is_named_by_its_index_and_field() -> None:
    def strings(flat: dict[str, Any]) -> list[str]:
        properties = merged_schema(flat.get("items", {})).get("properties", {})
        return [key for key, sub in properties.items() if _plain("string")(merged_schema(sub))]

    operation, name, flat, required = _field(lambda flat: flat.get("type") == "array" and bool(strings(flat)))
    key = strings(flat)[0]
    message = _message(operation, {**required, name: [{key: 1}]})
    assert message.startswith(f"{operation}: ")
    assert f"{name}[0].{key} must be a string, not 1 (int)" in message


def test_every_problem_is_reported_at_once() -> None:
    booleans = {(operation, name): required for operation, name, _, required in _fields(_plain("boolean"))}
    integers = [(operation, name) for operation, name, _, _ in _fields(_plain("integer"))]
    operation, number = next(
        (operation, name) for operation, name in integers if any(o == operation for o, _ in booleans)
    )
    flag, required = next((name, required) for (o, name), required in booleans.items() if o == operation)
    message = _message(operation, {**required, flag: "yes", number: "often"})
    assert message == (
        f"{operation}: {flag} must be a boolean, not 'yes' (str); {number} must be an integer, not 'often' (str) "
        "(nothing was sent)"
    )


def test_a_secret_field_shows_hidden_not_its_value() -> None:
    operation, name, _, required = _field(lambda flat: bool(flat.get("writeOnly") or flat.get("x-secret")))
    message = _message(operation, {**required, name: 12345})
    assert "12345" not in message
    assert message.startswith(f"{operation}: {name} must be ")
    assert message.endswith(", not <hidden> (int) (nothing was sent)")


def test_a_value_named_secret_by_the_caller_is_hidden_and_no_typo_is_suggested() -> None:
    operation, name, flat, required = _field(_has_a_long_name)
    _, typo = _misspelt(flat)
    message = _message(operation, {**required, name: typo}, secrets=frozenset({name}))
    allowed = ", ".join(map(str, flat["enum"]))
    assert message == f"{operation}: {name} <hidden> is not one of: {allowed} (nothing was sent)"


def test_a_long_value_is_cut_short_in_the_message() -> None:
    operation, name, _, required = _field(_plain("integer"))
    message = _message(operation, {**required, name: "x" * 100})
    assert message == f"{operation}: {name} must be an integer, not '{'x' * 59}... (str) (nothing was sent)"


def test_check_query_names_the_operation_the_parameter_and_the_bound() -> None:
    for operation in QUERY_OPERATIONS:
        for name, pointer in query_pointers(operation).items():
            highest = _schema_at(pointer).get("maximum")
            if highest is not None:
                with pytest.raises(ValidationError) as caught:
                    check_query(operation.operation_id, name, highest + 1)
                assert str(caught.value) == (
                    f"{operation.operation_id}: {name} must be at most {highest}, not {highest + 1} (int) "
                    "(nothing was sent)"
                )
                return
    raise AssertionError("no query parameter has a maximum any more")


def test_what_the_spec_does_not_describe_is_not_checked() -> None:
    check_query("list_monitors", "not_a_parameter", object())
    check_query("not_an_operation", "per_page", "many")
    check_body("not_an_operation", {"anything": object()})
