"""The comparison engine: pure functions from facts to section content.

No ORM, no templates, no request: every function here takes facts values
(comparisons.facts) and returns plain values, so each rule is unit-testable alone.
"""
