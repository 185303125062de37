"""The report's plots: Vega-Lite specs made with Altair, drawn to SVG by vl-convert when the
report is built, so a page shows them with no script and nothing from the network.

Each function is given rows from `data.py` and returns the SVG (an empty string when there
is nothing to plot).
"""
from __future__ import annotations

import altair as alt
import vl_convert

VL_VERSION = ".".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])   # the Vega-Lite Altair writes
WIDTH = 640
ROLE_COLOURS = {"present": "#1b7837", "invited": "#5aae61", "absent": "#d6604d"}
LEGEND = alt.Legend(orient="bottom", columns=2, labelLimit=360, title=None)


def to_svg(chart: alt.TopLevelMixin) -> str:
    """Given a chart, its SVG as vl-convert draws it."""
    return vl_convert.vegalite_to_svg(chart.to_dict(), vl_version=VL_VERSION)


def per_body_year(rows: list[dict], what: str, bodies: list[str] | None = None) -> str:
    """Stacked bars: `what` (meetings, decisions) per year, coloured by body (`bodies` in
    the order of the colours, so two charts give a body the same colour)."""
    if not rows:
        return ""
    bodies = bodies or sorted({r["body"] for r in rows})
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("sum(n):Q", title=what, axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("body:N", legend=LEGEND, scale=alt.Scale(domain=bodies)),
        order=alt.Order("body:N"),
    ).properties(width=WIDTH, height=220, title=f"{what.capitalize()} per body and year")
    return to_svg(chart)


def attendance_heatmap(cells: list[dict]) -> str:
    """One square per person and meeting, coloured by present, invited or absent."""
    if not cells:
        return ""
    meetings = sorted({(c["date"], c["meeting"]) for c in cells})
    people = len({c["person"] for c in cells})
    chart = alt.Chart(alt.Data(values=cells)).mark_rect(stroke="white", strokeWidth=0.5).encode(
        x=alt.X("meeting:N", sort=[m for _, m in meetings], title=None,
                axis=alt.Axis(labelAngle=-60, labelLimit=160)),
        y=alt.Y("person:N", sort=alt.EncodingSortField(field="meeting", op="count", order="descending"), title=None,
                axis=alt.Axis(labelLimit=200)),
        color=alt.Color("role:N", scale=alt.Scale(domain=list(ROLE_COLOURS), range=list(ROLE_COLOURS.values())),
                        legend=alt.Legend(orient="top", title=None)),
    ).properties(width=max(120, 14 * len(meetings)), height=max(60, 14 * people),
                 title="Attendance per person and meeting")
    return to_svg(chart)


def quality(rows: list[dict]) -> str:
    """Horizontal bars: the share of each table's rows read by OCR or not linked to a person."""
    if not rows:
        return ""
    base = alt.Chart(alt.Data(values=rows)).encode(
        y=alt.Y("table:N", title=None),
        yOffset=alt.YOffset("measure:N"),
        x=alt.X("share:Q", title="share of rows", scale=alt.Scale(domain=[0, 1]), axis=alt.Axis(format="%")),
    )
    bars = base.mark_bar().encode(color=alt.Color("measure:N", legend=alt.Legend(orient="bottom", title=None)))
    labels = base.mark_text(align="left", dx=3, fontSize=10).encode(text=alt.Text("share:Q", format=".1%"))
    chart = (bars + labels).properties(width=WIDTH - 160, title="Rows read by OCR and names not linked to the registry")
    return to_svg(chart)


def per_year(rows: list[dict], title: str) -> str:
    """Bars of [{year, n, what}] grouped by `what` (a body page's meetings and decisions)."""
    if not rows:
        return ""
    chart = alt.Chart(alt.Data(values=rows)).mark_bar().encode(
        x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
        xOffset=alt.XOffset("what:N"),
        y=alt.Y("n:Q", title=None, axis=alt.Axis(tickMinStep=1, format="d")),
        color=alt.Color("what:N", legend=alt.Legend(orient="bottom", title=None)),
    ).properties(width=min(WIDTH, 80 + 50 * len({r["year"] for r in rows})), height=180, title=title)
    return to_svg(chart)
