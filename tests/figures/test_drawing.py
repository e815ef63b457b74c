"""The shared pieces of the drawn scenes: gapped traces, a rounded frame, the healthy-level label."""

from __future__ import annotations

import plotly.graph_objects as go

from widgets.figures.drawing import label_healthy, line_style, rounded_rect, segments, showing


def test_segments_and_showing_keep_one_point_per_piece_and_gap():
    parts = [(0.0, 1.0, 2.0), (3.0, 4.0)]
    xs = segments(parts)
    assert xs == [0.0, 1.0, 2.0, None, 3.0, 4.0, None]
    # Showing any subset keeps the length, so a patch of y lines up with the static x.
    for shown in ((), (0,), (1,), (0, 1)):
        ys = showing(parts, shown)
        assert len(ys) == len(xs)
        assert [y is None for y in ys] == [
            x is None or k not in shown for k, part in enumerate(parts) for x in (*part, None)
        ]
    assert showing(parts, (0, 1)) == xs


def test_rounded_rect_is_a_closed_path_within_its_box():
    path = rounded_rect(1, 2, 5, 8, 0.5)
    assert path.startswith("M1.5,2 ") and path.endswith(" Z")
    numbers = [
        float(v)
        for token in path.replace("M", " ").replace("L", " ").replace("Q", " ")[:-1].split()
        for v in token.split(",")
    ]
    xs, ys = numbers[0::2], numbers[1::2]
    assert min(xs) == 1 and max(xs) == 5 and min(ys) == 2 and max(ys) == 8


def test_line_style_and_healthy_label():
    assert line_style("#123456", 2.5, "dot") == {"color": "#123456", "width": 2.5, "dash": "dot"}
    fig = go.Figure()
    label_healthy(fig, 100, "healthy balance")
    note = fig.layout.annotations[0]
    assert (note.text, note.y, note.xref, note.yref) == ("healthy balance", 100, "x2 domain", "y2")
