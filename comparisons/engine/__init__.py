"""The comparison engine: pure functions from facts to section content.

No Django, no ORM, no templates, no request: every function here takes the values in
comparisons.engine.values (built by the loader, comparisons.facts) and returns plain
values, so each rule is unit-testable alone and the package imports without Django.
"""
