"""The ``spoticar`` command line (spoticar_core.cli)."""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

import spoticar_core
from spoticar_core.cli import main

SRC = Path(spoticar_core.__file__).resolve().parents[1]
TUTORIAL = [
    "greycard",
    "--fiscal-power",
    "6",
    "--energy",
    "diesel",
    "--first-registration",
    "2014-11-10",
    "--date",
    "2021-11-01",
    "--postcode",
    "35000",
]


def run(*args):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]))
    return subprocess.run(
        [sys.executable, "-m", "spoticar_core.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_tutorial_order_prints_the_breakdown():
    done = run(*TUTORIAL)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "Carte grise : Bretagne (région 53, département 35), 51.00 €/CV"
    assert lines[1].startswith("Y1  Taxe régionale") and lines[1].endswith("306.00")
    assert lines[2].endswith(" 0.00") and lines[3].endswith(" 0.00")
    assert lines[4].startswith("Y4  Taxe fixe") and lines[4].endswith("11.00")
    assert lines[5].startswith("Y5  Redevance d'acheminement") and lines[5].endswith("2.76")
    assert "Total (Y6)" in lines[6] and lines[6].endswith("319.76")
    assert "- Y1 : 6 CV × 51,00 €/CV (Bretagne" in done.stdout


def test_tutorial_order_as_json():
    done = run(*TUTORIAL, "--json")
    assert done.returncode == 0, done.stderr
    assert '"y1": 306.00' in done.stdout  # numbers written with their cents
    data = json.loads(done.stdout, parse_float=Decimal)
    assert {"region", "rate_per_cv", "y1", "y2", "y3", "y4", "y5", "total", "notes"} <= set(data)
    assert data["region"] == "Bretagne"
    assert (data["y1_reduction"], data["y1_reduction_pct"]) == (None, Decimal("0.00"))
    assert (data["rate_per_cv"], data["y1"], data["y2"], data["y3"]) == (
        Decimal("51.00"),
        Decimal("306.00"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    assert (data["y4"], data["y5"], data["total"]) == (
        Decimal("11.00"),
        Decimal("2.76"),
        Decimal("319.76"),
    )
    assert all(isinstance(note, str) for note in data["notes"])
    assert data["notes"][-1].startswith("Total : sous-total Y1 à Y4 317,00 €")


def test_imported_vehicle_with_malus(capsys):
    status = main(
        [
            "greycard",
            "--fiscal-power",
            "32",
            "--energy",
            "ES",
            "--first-registration",
            "2019-09-13",
            "--date",
            "2026-09-13",
            "--department",
            "38",
            "--imported",
            "--co2-malus",
            "4890",
            "--mass-malus",
            "0",
            "--json",
        ]
    )
    assert status == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert (data["y1"], data["y3"], data["total"]) == (
        Decimal("1376.00"),
        Decimal("2298.30"),
        Decimal("3687.76"),
    )


def test_utility_vehicle_with_ptac(capsys):
    args = TUTORIAL + ["--category", "CTTE", "--ptac", "2500", "--json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out, parse_float=Decimal)
    assert data["y2"] == Decimal("34.00")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["greycard"], "arguments obligatoires manquants : --fiscal-power"),
        (TUTORIAL[:-2], "Code postal du titulaire manquant"),
        (TUTORIAL[:-1] + ["99999"], "Code postal « 99999 » inconnu"),
        (TUTORIAL[:8] + ["2020-11-01"] + TUTORIAL[9:], "hors des périodes connues"),
        (
            TUTORIAL[:8] + ["01/11/2021"] + TUTORIAL[9:],
            "Date de l'opération « 01/11/2021 » invalide : date attendue au format AAAA-MM-JJ",
        ),
        (TUTORIAL[:2] + ["zéro"] + TUTORIAL[3:], "Puissance fiscale « zéro » invalide"),
        (TUTORIAL[:4] + ["vapeur"] + TUTORIAL[5:], "Énergie « vapeur » inconnue"),
        (TUTORIAL + ["--co2-malus", "-3"], "Malus CO2 « -3 » invalide"),
        (TUTORIAL + ["--co2-malus", "500"], "déjà immatriculé en France"),
        (TUTORIAL + ["--bogus"], "arguments non reconnus : --bogus"),
        (["critair", "--energy", "diesel"], "indiquez la norme Euro"),
        (["nothing"], "choix 'nothing' invalide"),
        ([], "arguments obligatoires manquants"),
    ],
)
def test_bad_arguments_exit_2_with_a_french_message(args, message):
    done = run(*args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "erreur" in done.stderr
    assert "Traceback" not in done.stderr
    assert done.stdout == ""


def _with(option, value):
    """The tutorial's arguments with ``option`` set to ``value`` (added when absent)."""
    args = list(TUTORIAL)
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    return args


IMPORTED = ["--imported", "--co2-malus", "0"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (_with("--fiscal-power", "1e25"), "Puissance fiscale « 1e25 » invalide"),
        (_with("--fiscal-power", "1" + "0" * 24), "de 1 à 500 attendu"),
        (_with("--fiscal-power", "501"), "de 1 à 500 attendu"),
        (_with("--fiscal-power", "٦"), "Puissance fiscale « ٦ » invalide"),  # Arabic-Indic 6
        (_with("--fiscal-power", "6_0"), "Puissance fiscale « 6_0 » invalide"),
        (_with("--co2-malus", "1e26") + ["--imported"], "Malus CO2 « 1e26 » invalide"),
        (_with("--co2-malus", "1" + "0" * 26) + ["--imported"], "Malus CO2 « 1000"),
        (_with("--purchase-price", "NaN"), "Prix d'achat « NaN » invalide"),
        (_with("--mass-malus", "١٠٠") + IMPORTED, "Malus masse « ١٠٠ » invalide"),
        (_with("--ptac", "1" + "0" * 30) + ["--category", "CAM"], "PTAC « 1000"),
        (_with("--ptac", "٣٥٠٠") + ["--category", "CTTE"], "PTAC « ٣٥٠٠ » invalide"),
        (_with("--first-registration", "9990-11-10"), "« 9990-11-10 » invalide : date attendue"),
        (_with("--first-registration", "0001-11-10"), "entre le 01/01/1900 et le 31/12/2100"),
        (_with("--first-registration", "20140101"), "« 20140101 » invalide : date attendue au"),
        (_with("--date", "٢٠٢١-١١-٠١"), "Date de l'opération « ٢٠٢١-١١-٠١ » invalide"),
        (_with("--date", "9999-12-31"), "Date de l'opération « 9999-12-31 » invalide"),
    ],
)
def test_absurd_values_exit_2_with_a_french_message(args, message):
    done = run(*args)
    assert (done.returncode, done.stdout) == (2, ""), done.stderr
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_values_at_the_bounds_are_computed(capsys):
    # the largest accepted power, an amount with a comma, a PTAC of a heavy lorry
    assert main(_with("--fiscal-power", "500") + ["--json"]) == 0  # 500 CV x 51 EUR
    assert json.loads(capsys.readouterr().out, parse_float=Decimal)["y1"] == Decimal("25500.00")
    args = _with("--category", "CAM") + ["--ptac", "44000", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out, parse_float=Decimal)["y2"] == Decimal("285.00")
    args = _with("--first-registration", "2019-09-13") + IMPORTED[:1]
    args += ["--co2-malus", "4890,50", "--date", "2024-09-13", "--json"]
    assert main(args) == 0
    assert json.loads(capsys.readouterr().out, parse_float=Decimal)["y3"] == Decimal(
        "1956.20"
    )  # 4 890,50 less 60 %


def test_main_returns_2_on_a_refused_value(capsys):
    assert main(TUTORIAL[:-1] + ["97133"]) == 2
    assert "Saint-Barthélemy" in capsys.readouterr().err


def test_main_exits_2_on_an_argparse_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["greycard", "--fiscal-power"])
    assert exit_info.value.code == 2
    assert "l'option --fiscal-power attend une valeur" in capsys.readouterr().err


def test_unreadable_tariff_directory_exits_1(tmp_path, capsys):
    assert main(TUTORIAL + ["--data-dir", str(tmp_path)]) == 1
    assert "données de tarifs illisibles" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["critair", "--energy", "diesel", "--first-registration", "2014-11-10"], "Crit'Air 2"),
        (["critair", "--energy", "electric"], "Crit'Air 0 (électrique ou hydrogène)"),
        (
            ["critair", "--category", "VU", "--energy", "diesel", "--euro-norm", "Euro 3"],
            "Crit'Air 4",
        ),
        (["critair", "--energy", "petrol", "--euro-norm", "Euro 1"], "Non classé"),
    ],
)
def test_critair_command(args, expected, capsys):
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == expected


def test_critair_json(capsys):
    assert main(["critair", "--energy", "lpg", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"critair": "1", "label": "Crit'Air 1"}


def test_help_is_in_french():
    done = run("greycard", "--help")
    assert done.returncode == 0
    assert done.stdout.startswith("utilisation : spoticar greycard")
    assert "puissance fiscale en CV" in done.stdout


def test_unknown_period_refused_unless_estimate_asked():
    args = [*TUTORIAL[:8], "2027-01-15", *TUTORIAL[9:]]
    refused = run(*args)
    assert refused.returncode == 2
    assert "hors des périodes connues" in refused.stderr
    assert refused.stdout == ""
    done = run(*args, "--estimate")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "ESTIMATION : tarif 2027 non encore publié pour la région Bretagne : montant calculé au "
        "tarif 2026, à confirmer."
    )
    data = json.loads(run(*args, "--estimate", "--json").stdout, parse_float=Decimal)
    assert data["estimate"] is True
    assert data["y1"] == Decimal("180.00")  # 6 x 60 (2026 rate), 10-year half rate
    assert "à confirmer" in data["estimate_note"]
    known = json.loads(run(*TUTORIAL, "--estimate", "--json").stdout)
    assert known["estimate"] is False
