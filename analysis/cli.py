"""The ``chile73`` console command: validate the datasets, build the figures.

chile73 validate            check every dataset against datasets/datapackage.json
chile73 figures [--check]   regenerate (or check) every figure in figures/
chile73 claims [--verdict V] print the claims audit: every figure of the article against the data
chile73 workbook export|import  the datasets as one Excel workbook, and an edited one back
chile73 notebooks [NAME ...]    re-run the notebooks and store their outputs
chile73 report              the HTML edition of the notebooks, with an index
"""

from __future__ import annotations

import argparse
import sys


def _validate(args: argparse.Namespace) -> int:
    from analysis.core.paths import DATASETS
    from analysis.data.datasets import validate_all

    results = validate_all(DATASETS)
    bad = 0
    for name, violations in results.items():
        if violations:
            bad += len(violations)
            print(f"FAIL {name}.csv: {len(violations)} violation(s)")
            for v in violations:
                print(f"  - {v}")
        else:
            print(f"ok   {name}.csv")
    if bad:
        print(f"{bad} violation(s) in {sum(1 for v in results.values() if v)} dataset(s).")
        return 1
    print(f"All {len(results)} datasets are valid.")
    return 0


def _claims(args: argparse.Namespace) -> int:
    import pandas as pd

    from analysis.study.claims import audit, counts

    ledger = audit()
    if args.verdict:
        ledger = ledger[ledger["verdict"] == args.verdict]
    with pd.option_context(
        "display.max_rows", None, "display.width", 200, "display.max_colwidth", 70
    ):
        print(
            ledger[
                ["claim_id", "claim", "value", "verdict", "independent", "source_id", "detail"]
            ].to_string(index=False)
        )
    print()
    print(", ".join(f"{k}: {n}" for k, n in counts(audit()).items()))
    return 0


def _workbook(args: argparse.Namespace) -> int:
    from pathlib import Path

    from analysis.outputs import workbook

    if args.action == "export":
        out = workbook.export(Path(args.out))
        print(f"Wrote {out} ({out.stat().st_size:,} bytes).")
        return 0
    result = workbook.import_workbook(Path(args.file))
    print(workbook.report(result))
    if not result.ok:
        print(f"{len(result.violations)} violation(s): nothing written.")
        return 1
    if not result.new_bytes:
        return 0
    if args.write:
        written = workbook.write_changes(result)
        print(f"Wrote {len(written)} file(s) together: {', '.join(p.name for p in written)}.")
    else:
        print("Run again with --write to save these changes to datasets/.")
    return 0


def _notebooks(args: argparse.Namespace) -> int:
    from analysis.outputs.notebooks import execute, notebook_paths

    for path in notebook_paths(args.names):
        print(f"  {path.name:<34} {execute(path):6.1f} s")
    return 0


def _report(args: argparse.Namespace) -> int:
    from analysis.outputs.report import build_report

    print(f"Wrote {build_report()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from analysis.outputs import build

    parser = argparse.ArgumentParser(
        prog="chile73", description="Chile 1973 statistics: data, checks, figures."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check every dataset against its schema")
    p.set_defaults(func=_validate)
    p = sub.add_parser("figures", help="regenerate every figure (only what changed)")
    build.add_arguments(p)
    p.set_defaults(func=build.run)
    p = sub.add_parser("claims", help="print the claims audit")
    p.add_argument(
        "--verdict",
        choices=["supported", "differs", "mixed", "article_only", "not_quantitative"],
    )
    p.set_defaults(func=_claims)
    p = sub.add_parser(
        "workbook", help="export the datasets to Excel, or import an edited workbook"
    )
    wsub = p.add_subparsers(dest="action", required=True)
    e = wsub.add_parser("export", help="write every dataset to one .xlsx")
    e.add_argument("--out", default="dist/chile-1973-stats.xlsx", help="where to write it")
    i = wsub.add_parser("import", help="validate an edited .xlsx and show what changed")
    i.add_argument("file")
    i.add_argument("--write", action="store_true", help="write the changed CSVs into datasets/")
    p.set_defaults(func=_workbook)
    p = sub.add_parser("notebooks", help="re-run the notebooks and store their outputs")
    p.add_argument("names", nargs="*", help="only these notebooks (e.g. 01_strike_wave)")
    p.set_defaults(func=_notebooks)
    p = sub.add_parser("report", help="write the HTML edition of the notebooks (dist/report/)")
    p.set_defaults(func=_report)
    args = parser.parse_args(argv)
    return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run a subcommand; a refusal or a failed read or write becomes one clear line and exit 2."""
    from analysis.core.fileio import TransactionError
    from analysis.data.datasets import DatasetError
    from analysis.data.schema import DescriptorError
    from analysis.outputs.workbook import WorkbookError
    from analysis.study.claims import ClaimError

    try:
        return int(args.func(args))
    except (DatasetError, DescriptorError, WorkbookError, TransactionError, ClaimError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        where = f" {err.filename}" if err.filename else ""
        print(f"error: cannot read or write{where}: {err.strerror or err}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
