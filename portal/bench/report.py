"""The benchmark's table and its verdict on each target."""

from . import imports, signin
from .pages import BOUNDED, DASHBOARD_COLD, DASHBOARD_WARM, PUBLIC, STAFF_PAGE

MAX_GROWTH = 1.3  # bounded pages: median large / small, judged to the floor
# The most a page's uncached median may be, in medians of the floor view, by kind of page.
MAX_FLOOR = {PUBLIC: 20.0, STAFF_PAGE: 40.0, DASHBOARD_COLD: 100.0, DASHBOARD_WARM: 3.0}
MIN_LOAD_SHARE = 0.80  # of the requests a second the single-request median predicts for the workers
MAX_EXPORT_GROWTH_MB = 100.0
LOAD_TARGET_KEYS = ("workshop_detail", "notes_first", "dashboard_all")


def growth_ratios(large_row: dict, small_row: dict) -> tuple[float, float]:
    """A page's median at the large size over the small: in milliseconds, and as ratios to
    the floor view timed alongside each. The two sizes are measured a minute or more apart on a
    machine whose speed drifts (the floor's own large/small ratio has read from 0.8 to 1.4 on
    2 shared cores with no change to it), so the target is judged on the second figure, the
    one the floor view exists for; the first is printed beside it."""
    raw = large_row["median_ms"] / small_row["median_ms"]
    return raw, large_row["floor_ratio"] / small_row["floor_ratio"]


def evaluate(result: dict) -> list[dict]:
    """Each target with its figure and whether it is met (None: not measured)."""
    sizes = result["sizes"]
    large = sizes.get("large") or sizes.get(result["largest"])
    small = sizes.get("small") if "large" in sizes else None
    checks = []

    def check(name, met, figure):
        checks.append({"target": name, "met": met, "figure": figure})

    pages = large["pages"]
    for key, row in pages.items():
        if row.get("missing"):
            continue
        if row["kind"] == "sql":
            continue
        if row["kind"] == "floor":
            # The frame (navigation badges) is on every page: its queries must not grow. How
            # its time moves between the two runs is the machine's drift (see growth_ratios()).
            other = small["pages"].get(key) if small else None
            if other:
                check(
                    f"{row['label']}: same query count at both sizes",
                    row["queries"] == other["queries"],
                    f"{other['queries']} / {row['queries']}",
                )
            continue
        if row.get("status") != 200:
            check(f"{row['label']}: answers 200", False, f"HTTP {row.get('status')}")
            continue
        if small and key in small["pages"] and not small["pages"][key].get("missing"):
            other = small["pages"][key]
            check(
                f"{row['label']}: same query count at both sizes",
                row["queries"] == other["queries"],
                f"{other['queries']} / {row['queries']}",
            )
            if row["kind"] in BOUNDED:
                raw, against_floor = growth_ratios(row, other)
                check(
                    f"{row['label']}: large/small <= {MAX_GROWTH}",
                    against_floor <= MAX_GROWTH,
                    f"{against_floor:.2f} to the floor ({raw:.2f} in ms)",
                )
        limit = MAX_FLOOR.get(row["kind"])
        if limit is not None:
            ratio = row["floor_ratio"]
            check(f"{row['label']}: <= {limit:g}x floor", ratio <= limit, f"{ratio:.1f}x")

    load = large.get("load") or {}
    for key in LOAD_TARGET_KEYS:
        if key in load and "share" in load[key]:
            row = load[key]
            check(
                f"Load, {key}: >= {MIN_LOAD_SHARE:.0%} of the req/s its single-request median predicts",
                row["share"] >= MIN_LOAD_SHARE and not row.get("errors"),
                f"{row['share']:.0%} ({row['requests_per_s']:.0f} of {row['predicted_rps']:.0f} req/s, "
                f"{row.get('errors', 0)} errors)",
            )
    for burst in bursts(result):
        name = f"Burst on {burst['engine']}"
        check(
            f"{name}: no errors", burst["errors"] == 0, f"{burst['errors']} ({', '.join(burst['statuses'])})"
        )
        check(
            f"{name}: every note stored exactly once",
            burst["stored_once"] == burst["writers"],
            f"{burst['stored_once']} of {burst['writers']} ({burst['missing']} missing, "
            f"{burst['duplicated']} twice)",
        )
        check(f"{name}: p95 of the posts (reported)", True, f"{burst['p95_floor_ratio']:.1f}x floor")
    export = large.get("export")
    if export:
        growth = export["growth_mb"]
        check(
            f"Export of {export['rows']} notes: memory growth < {MAX_EXPORT_GROWTH_MB:g} MB",
            growth < MAX_EXPORT_GROWTH_MB,
            f"{growth:.1f} MB",
        )
    checks.extend(signin.checks(large.get("sign_in")))
    checks.extend(imports.checks(large.get("imports")))
    return checks


def bursts(result: dict) -> list[dict]:
    """The workshop bursts run: on the benchmark's database, and on SQLite beside PostgreSQL."""
    sizes = result["sizes"]
    found = [sizes[name]["burst"] for name in sizes if sizes[name].get("burst")]
    return found + ([result["sqlite_burst"]] if result.get("sqlite_burst") else [])


def _fmt(value, spec):
    if isinstance(value, int | float):
        return format(value, spec)
    width = "".join(char for char in spec.split(".")[0] if char.isdigit())
    return "–".rjust(int(width or 1))


def render(result: dict) -> str:
    """One plain-text table: pages at each size, the load phase, the export, the targets."""
    sizes = result["sizes"]
    names = [name for name in ("tiny", "small", "large") if name in sizes]
    lines = [f"Benchmark on {result['database']} ({result['engine']}), {result['repeats']} requests per page"]
    for name in names:
        build = sizes[name].get("build") or {}
        counts = build.get("counts") or {}
        summary = ", ".join(
            f"{counts[k]} {k}"
            for k in ("workshops", "notes", "users", "disagreements", "followups")
            if k in counts
        )
        built = f"built in {build['seconds']:.1f} s" if build.get("seconds") else "reused"
        lines.append(f"  {name}: {summary} ({built})")
    lines.append("")

    header = f"{'page':36} {'role':10}"
    for name in names:
        header += f" | {name + ' q':>8} {'median':>8} {'p95':>8} {'×floor':>7}"
    if len(names) == 2:
        header += f" | {'l/s ms':>6} {'l/s ×fl':>7}"
    lines += [header, "-" * len(header)]
    keys = list(sizes[names[-1]]["pages"])
    for key in keys:
        row0 = sizes[names[-1]]["pages"][key]
        line = f"{row0['label'][:36]:36} {row0['role']:10}"
        medians = []
        for name in names:
            row = sizes[name]["pages"].get(key, {})
            if row.get("missing") or not row:
                line += f" | {'missing':>8} {'':>8} {'':>8} {'':>7}"
                medians.append(None)
                continue
            line += (
                f" | {row['queries']:>8} {_fmt(row['median_ms'], '8.1f')} {_fmt(row['p95_ms'], '8.1f')}"
                f" {_fmt(row['floor_ratio'], '6.1f')}x"
            )
            medians.append(row["median_ms"])
        if len(names) == 2:
            rows = [sizes[name]["pages"].get(key) or {} for name in names]
            if None in medians:
                line += f" | {'':>6} {'':>7}"
            else:
                raw, against_floor = growth_ratios(rows[1], rows[0])
                line += f" | {raw:6.2f} {against_floor:7.2f}"
        lines.append(line)
    lines.append(
        "(times in ms, server side through Django's test client, pages with the dummy cache; ×floor: to the"
    )
    lines.append(
        "  floor view timed alongside; bare SQL: the dashboard selectors' queries alone, a cold page's limit;"
    )
    lines.append("  l/s: large over small, in ms and in ×floor; a floor row's l/s in ms is the drift)")

    for name in names:
        load = sizes[name].get("load")
        if not load:
            continue
        seconds = result["load_seconds"]
        lines += [
            "",
            f"Load at {name} size: gunicorn, 2 workers, ~{seconds:g} s a page; pages uncached, "
            "the dashboard warm (latencies in ms)",
        ]
        head = [
            "page".ljust(20),
            "tool".ljust(6),
            *(h.rjust(8) for h in ("req/s", "1 req", "predict", "share", "p50", "p90", "p99")),
        ]
        lines.append(" ".join([*head, "errors"]))
        for key, row in load.items():
            cells = [key.ljust(20), row["tool"].ljust(6), _fmt(row["requests_per_s"], "8.1f")]
            cells += [_fmt(row.get("single_ms"), "8.1f"), _fmt(row.get("predicted_rps"), "8.1f")]
            cells.append(_fmt(row.get("share"), "8.0%"))
            cells += [_fmt(row.get(p), "8.1f") for p in ("p50_ms", "p90_ms", "p99_ms")]
            lines.append(" ".join([*cells, str(row.get("errors", 0)).rjust(6)]))
    for burst in bursts(result):
        readers = ", ".join(
            f"{r['requests_per_s']:.0f} req/s, {r['errors']} errors" for r in burst["readers"]
        )
        lines += [
            "",
            f"Burst on {burst['engine']}: {burst['writers']} business owners posted a note within "
            f"{burst['start_spread_ms']:.0f} ms while the workshop and notes pages were read ({readers})",
            f"  {burst['errors']} errors, {burst['stored_once']} stored once, {burst['missing']} missing, "
            f"{burst['duplicated']} twice; posts median {burst['post_median_ms']:.0f} ms, "
            f"p95 {burst['post_p95_ms']:.0f} ms = {burst['p95_floor_ratio']:.1f}x the floor's "
            f"{burst['floor_ms']:.1f} ms",
        ]
    for name in names:
        export = sizes[name].get("export")
        if export:
            lines += [
                "",
                f"Export at {name} size: {export['rows']} notes as CSV in {export['seconds']:.1f} s, "
                f"peak memory +{export['growth_mb']:.1f} MB (via {export['method']})",
            ]
        if sizes[name].get("imports"):
            lines += [
                "",
                f"Import and export through the admin at {name} size:",
                imports.describe(sizes[name]["imports"]),
            ]
    checks = result.get("targets") or []
    if checks:
        lines += ["", "Targets:"]
        for item in checks:
            mark = "met" if item["met"] else "NOT MET"
            lines.append(f"  [{mark:7}] {item['target']}: {item['figure']}")
    return "\n".join(lines)
