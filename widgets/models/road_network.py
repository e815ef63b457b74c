"""Step 7's metaphor as a graph: a small town split by a river, whose one bridge is jammed.

The article pictures synaptogenesis as new roads and bridges that let traffic
around gridlock.  This module is that picture as a weighted graph, so that the
benefit of new links is computed, not drawn by hand:

* eight districts, four on each bank of a river;
* the roads that held: a chain of streets on each bank and a single bridge,
  jammed (JAM_FACTOR times slower than open road), so every trip across the
  river crawls over it;
* NEW_LINKS, new roads and bridges in the order they open.  The step 7
  chapter opens them in proportion to the model's new spines
  (:func:`links_open`), all of them at the peak that a standard course of
  infusions reaches.

Travel times are shortest paths (Dijkstra, :func:`scipy.sparse.csgraph.shortest_path`)
over the open roads, with each road's time proportional to its drawn length
(MIN_PER_KM).  Opening a link can only shorten or keep a shortest path, so the
travel times never increase as links are added.

The map, the jam and the travel times are a TEACHING CHOICE: a picture of why
more connections can make a network work better, not a model of neurons.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

from ._validate import check_number

__all__ = [
    "BRIDGES",
    "DISTRICTS",
    "HELD",
    "JAM_FACTOR",
    "MIN_PER_KM",
    "NEW_LINKS",
    "links_open",
    "mean_travel_time_min",
    "road_minutes",
    "route",
    "travel_times_min",
]

#: Districts: name, x and y on the map (km).  West bank first, then east bank.
DISTRICTS = (
    ("old town", 1.2, 8.4),
    ("market", 3.1, 6.3),
    ("park", 1.0, 4.1),
    ("mill", 2.9, 1.7),
    ("station", 7.0, 8.6),
    ("campus", 8.9, 6.5),
    ("hospital", 7.0, 4.0),
    ("harbor", 8.9, 1.5),
)
#: Roads that held in the storm (pairs of district indices); (1, 6) is the one bridge, jammed.
HELD = ((0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (6, 7), (1, 6))
#: The jammed bridge.
JAM = (1, 6)
#: New roads and bridges, in the order they open.
NEW_LINKS = ((0, 2), (4, 6), (0, 4), (3, 7), (1, 3), (5, 7), (2, 6), (1, 4))
#: Links that cross the river (drawn as bridges).
BRIDGES = frozenset({(1, 6), (0, 4), (3, 7), (2, 6), (1, 4)})
#: Minutes per km of open road, and how many times slower the jammed bridge is.
MIN_PER_KM = 2.5
JAM_FACTOR = 6.0

_N = len(DISTRICTS)


def road_minutes(a: int, b: int) -> float:
    """Driving time (min) along the road between districts ``a`` and ``b``.

    Parameters
    ----------
    a, b : int
        District indices (0-7).

    Returns
    -------
    float
        Straight-line length (km) times MIN_PER_KM, times JAM_FACTOR on the jammed bridge.

    Examples
    --------
    >>> road_minutes(0, 1) < road_minutes(1, 6)
    True
    """
    for name, v in (("a", a), ("b", b)):
        if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or not 0 <= v < _N:
            raise ValueError(f"{name} must be a district index from 0 to {_N - 1}; got {v!r}")
    (_, xa, ya), (_, xb, yb) = DISTRICTS[a], DISTRICTS[b]
    minutes = math.hypot(xb - xa, yb - ya) * MIN_PER_KM
    return minutes * (JAM_FACTOR if tuple(sorted((a, b))) == JAM else 1.0)


def _check_open(n_open) -> int:
    n = check_number("n_open", n_open, 0, len(NEW_LINKS))
    if n != int(n):
        raise ValueError(f"n_open must be a whole number from 0 to {len(NEW_LINKS)}; got {n_open!r}")
    return int(n)


def _graph(n_open: int) -> csr_matrix:
    rows, cols, minutes = [], [], []
    for a, b in HELD + NEW_LINKS[:n_open]:
        rows.append(a)
        cols.append(b)
        minutes.append(road_minutes(a, b))
    return csr_matrix((minutes, (rows, cols)), shape=(_N, _N))


def travel_times_min(n_open: int) -> np.ndarray:
    """Fastest travel time between every pair of districts with the first ``n_open`` new links open.

    Parameters
    ----------
    n_open : int
        How many of NEW_LINKS are open (0-8).

    Returns
    -------
    numpy.ndarray
        8 × 8 symmetric matrix of minutes, zero on the diagonal.

    Examples
    --------
    >>> times = travel_times_min(0)
    >>> bool(times[0, 7] > travel_times_min(8)[0, 7])
    True
    """
    n = _check_open(n_open)
    return shortest_path(_graph(n), method="D", directed=False)


def mean_travel_time_min(n_open: int) -> float:
    """Average fastest travel time (min) over all pairs of districts.

    Examples
    --------
    >>> mean_travel_time_min(8) < mean_travel_time_min(0)
    True
    """
    times = travel_times_min(n_open)
    return float(times[np.triu_indices(_N, k=1)].mean())


def route(n_open: int, start: int = 0, end: int = 7) -> list[int]:
    """The districts along the fastest route from ``start`` to ``end``.

    Parameters
    ----------
    n_open : int
        How many of NEW_LINKS are open (0-8).
    start, end : int
        District indices (default: old town to harbor, corner to corner).

    Returns
    -------
    list of int
        District indices from ``start`` to ``end``.

    Examples
    --------
    >>> route(0)
    [0, 1, 6, 7]
    """
    n = _check_open(n_open)
    road_minutes(start, end)  # validates both indices
    _, previous = shortest_path(_graph(n), method="D", directed=False, indices=start, return_predecessors=True)
    path = [end]
    while path[-1] != start:
        path.append(int(previous[path[-1]]))
    return path[::-1]


def links_open(new_spines: float, full_at: float) -> int:
    """How many new links a level of new spines opens: all of them at ``full_at``, none at zero.

    Parameters
    ----------
    new_spines : float
        The model's new spines (any unit, >= 0).
    full_at : float
        The level at which every new link is open (> 0), e.g. the peak a standard course reaches.

    Returns
    -------
    int
        ``round(len(NEW_LINKS) · min(1, new_spines / full_at))``.

    Examples
    --------
    >>> links_open(0.5, 1.0)
    4
    """
    level = check_number("new_spines", new_spines, 0.0, math.inf)
    full = check_number("full_at", full_at, 0.0, math.inf, lo_open=True)
    return int(round(len(NEW_LINKS) * min(1.0, level / full)))
