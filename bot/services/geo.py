"""Distances on the map, in km: between two points, and how far a point lies outside the area
the bot serves (`REPORT_BOUNDS`). Reports and patrols refuse a place by the same rule."""

from __future__ import annotations

import math

# A shared location this far outside REPORT_BOUNDS is refused (GPS is rough near the border).
BOUNDS_MARGIN_KM = 10.0

Bounds = tuple[float, float, float, float]  # south, west, north, east in degrees


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def km_outside(bounds: Bounds, lat: float, lon: float) -> float:
    """How far (km, roughly) a point lies outside a latitude/longitude box; 0 inside."""
    south, west, north, east = bounds
    dlat = max(south - lat, 0.0, lat - north)
    dlon = max(west - lon, 0.0, lon - east)
    km_per_degree = 111.32
    return math.hypot(dlat * km_per_degree, dlon * km_per_degree * math.cos(math.radians(lat)))


def too_far_outside(bounds: Bounds | None, lat: float, lon: float) -> float | None:
    """The distance of a point beyond the served area when it is too far to accept (None: near
    enough, or no area configured)."""
    if bounds is None:
        return None
    km = km_outside(bounds, lat, lon)
    return km if km > BOUNDS_MARGIN_KM else None
