"""Runs a trained Rasa graph node by node, in a fixed order, without dask.

Rasa 3.6's `DaskGraphRunner.run` rebuilds the minimal schema (a recursive walk with list
concatenation) and a dask task graph, then schedules it with dask's local scheduler, for every parse
and every policy prediction: four graph runs per message, about a tenth of the Rasa process's CPU in
the `make bench` profile. A trained graph never changes, so the order is worked out once per target
list and the nodes are called directly, each with its dependencies' outputs in the order the schema
names them, as dask does. Outputs, exceptions and hooks are the same: the same `GraphNode`s run.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.graph import GraphSchema

Plan = tuple[tuple[str, tuple[str, ...]], ...]  # (node name, the names it needs) in running order


def plan_for(schema: GraphSchema, targets: list[str]) -> Plan:
    """Every node the targets depend on, each after its dependencies (inputs are not nodes)."""
    order: list[tuple[str, tuple[str, ...]]] = []
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name not in schema.nodes:
            return
        if name in path:
            raise GraphRunError(f"the graph has a cycle through '{name}'")
        needs = tuple(schema.nodes[name].needs.values())
        for dependency in needs:
            visit(dependency, (*path, name))
        done.add(name)
        order.append((name, needs))

    for target in targets:
        visit(target, ())
    return tuple(order)


def run_in_order(runner: Any, inputs: dict[str, Any] | None = None, targets: list[str] | None = None) -> dict:
    """`DaskGraphRunner.run`, same contract: {target name: output}."""
    schema: GraphSchema = runner._graph_schema
    run_targets = list(targets) if targets else schema.target_names
    plans: dict[tuple[str, ...], Plan] = runner.__dict__.setdefault("_helpline_plans", {})
    plan = plans.get(tuple(run_targets))
    if plan is None:
        plan = plans[tuple(run_targets)] = plan_for(schema, run_targets)

    results: dict[str, Any] = {}
    for name, value in (inputs or {}).items():
        if isinstance(value, str) and value in schema.nodes:
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the input "
                f"names passed to the `run` method are the same as node names in the graph schema."
            )
        results[name] = (name, value)  # how dask hands an input to the nodes that need it
    nodes = runner._instantiated_nodes
    for name, needs in plan:
        results[name] = nodes[name](*(results[need] for need in needs))
    return dict(results[target] for target in run_targets)
