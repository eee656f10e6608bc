"""The admin chat hears of each kind of error once per window, with a count of repeats."""

from __future__ import annotations

from bot.alerts import AlertThrottle


def test_one_alert_per_signature_per_window() -> None:
    now = [0.0]
    throttle = AlertThrottle(window=300, clock=lambda: now[0])
    assert throttle.admit("DatabaseError: down") == 0
    assert throttle.admit("DatabaseError: down") is None
    assert throttle.admit("DatabaseError: down") is None
    # Another kind of error is not held back by the first.
    assert throttle.admit("KeyError: 'x'") == 0
    now[0] = 299.0
    assert throttle.admit("DatabaseError: down") is None
    now[0] = 300.0
    # After the window, the next one goes out and says how many were held back.
    assert throttle.admit("DatabaseError: down") == 3
    assert throttle.admit("DatabaseError: down") is None
