"""The ``spoticar`` command line: carte grise amounts and Crit'Air class.

Examples::

    spoticar greycard --fiscal-power 6 --energy diesel --first-registration 2014-11-10 \\
        --date 2021-11-01 --postcode 35000
    spoticar greycard ... --imported --co2-malus 4890 --mass-malus 0 --json
    spoticar greycard ... --date 2027-01-15 --estimate   # after the known periods: an estimate
    spoticar critair --category VP --energy diesel --euro-norm "Euro 5"

Exit status: 0 on success, 2 on a bad argument (French message on stderr), 1 when the tariff
data cannot be read.
"""

import argparse
import datetime
import json
import re
import sys
from decimal import Decimal

from . import critair, greycard
from .exceptions import SpoticarError, SpoticarValidationError

_ARGPARSE_FR = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"argument (.*?): expected one argument", r"l'option \1 attend une valeur"),
    (r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)", r"\1 : choix \2 invalide (\3)"),
    (r"argument (.*?): ignored explicit argument (.*)", r"l'option \1 n'accepte pas de valeur"),
    (r"argument (.*?): (.*)", r"\1 : \2"),
)


class FrenchArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose errors and usage are in French; errors exit with status 2."""

    def format_usage(self):
        return super().format_usage().replace("usage:", "utilisation :", 1)

    def format_help(self):
        text = super().format_help().replace("usage:", "utilisation :", 1)
        return text.replace("options:", "options :").replace("positional arguments:", "commandes :")

    def error(self, message):
        for pattern, replacement in _ARGPARSE_FR:
            if re.fullmatch(pattern, message, flags=re.S):
                message = re.sub(pattern, replacement, message, flags=re.S)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def _checked(check, *args):
    """An argparse ``type`` running one of the calculator's input checks (French message)."""

    def parse(value):
        try:
            return check(value, *args)
        except SpoticarValidationError as exc:
            raise argparse.ArgumentTypeError(exc.message) from exc

    return parse


_fiscal_power = _checked(greycard.check_fiscal_power)
_ptac = _checked(greycard.check_ptac)
_first_registration = _checked(
    greycard.check_date, "first_registration_date", "Date de première immatriculation"
)
_operation_date = _checked(greycard.check_date, "operation_date", "Date de l'opération")


def _amount(label):
    return _checked(greycard.check_amount, "amount", label)


def _build_parser():
    parser = FrenchArgumentParser(
        prog="spoticar",
        description="Règles Spoticar : coût de la carte grise et classe Crit'Air.",
        add_help=False,
    )
    parser.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    commands = parser.add_subparsers(dest="command", metavar="{greycard,critair}")
    commands.required = True

    grey = commands.add_parser(
        "greycard",
        help="coût de la carte grise (Y1 à Y5 et total)",
        description="Coût de la carte grise d'un véhicule d'occasion (changement de titulaire).",
        add_help=False,
    )
    grey.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    grey.add_argument(
        "--fiscal-power",
        type=_fiscal_power,
        required=True,
        metavar="CV",
        help="puissance fiscale en CV (P.6)",
    )
    grey.add_argument(
        "--energy",
        required=True,
        metavar="ENERGIE",
        help=f"énergie : {', '.join(greycard.ENERGIES)} (ou ES, GO...)",
    )
    grey.add_argument(
        "--first-registration",
        type=_first_registration,
        required=True,
        metavar="AAAA-MM-JJ",
        help="date de première immatriculation, AAAA-MM-JJ (champ B)",
    )
    grey.add_argument(
        "--date",
        type=_operation_date,
        required=True,
        metavar="AAAA-MM-JJ",
        help="date de délivrance du titre, AAAA-MM-JJ",
    )
    grey.add_argument("--postcode", metavar="CODE", help="code postal du nouveau titulaire")
    grey.add_argument(
        "--department", metavar="DEP", help="département du titulaire, à défaut du code postal"
    )
    grey.add_argument(
        "--category", default="VP", metavar="CAT", help="VP (défaut), CTTE/VU, N2, M2, L3E..."
    )
    grey.add_argument(
        "--ptac", type=_ptac, metavar="KG", help="PTAC en kg (utilitaires, champ F.2)"
    )
    grey.add_argument(
        "--imported",
        action="store_true",
        help="véhicule d'occasion importé, première immatriculation en France",
    )
    grey.add_argument(
        "--co2-malus",
        type=_amount("Malus CO2"),
        metavar="EUR",
        help="malus CO2 de la grille de l'année de 1re immat. (€)",
    )
    grey.add_argument(
        "--mass-malus",
        type=_amount("Malus masse"),
        metavar="EUR",
        help="malus masse de la grille de l'année de 1re immat. (€)",
    )
    grey.add_argument(
        "--purchase-price",
        type=_amount("Prix d'achat"),
        metavar="EUR",
        help="prix d'achat TTC, pour le plafond de 50 %%",
    )
    grey.add_argument(
        "--co2-grid-max",
        type=_amount("Maximum de la grille CO2"),
        metavar="EUR",
        help="maximum de la grille CO2 de l'année",
    )
    grey.add_argument(
        "--e85-conversion", action="store_true", help="véhicule converti au superéthanol E85"
    )
    grey.add_argument(
        "--data-dir",
        metavar="DOSSIER",
        help="dossier de tarifs à utiliser au lieu de ceux du paquet",
    )
    grey.add_argument(
        "--estimate",
        action="store_true",
        help="après la dernière période connue de la région, calculer au dernier tarif connu "
        "(estimation, à confirmer) au lieu de refuser",
    )
    grey.add_argument("--json", action="store_true", help="sortie JSON")

    crit = commands.add_parser(
        "critair",
        help="classe Crit'Air d'une voiture ou d'un utilitaire léger",
        description="Classe Crit'Air (arrêté du 21 juin 2016).",
        add_help=False,
    )
    crit.add_argument("-h", "--help", action="help", help="afficher cette aide et quitter")
    crit.add_argument("--category", default="VP", metavar="CAT", help="VP (défaut) ou VU")
    crit.add_argument(
        "--energy", required=True, metavar="ENERGIE", help="énergie : petrol, diesel, electric..."
    )
    crit.add_argument(
        "--euro-norm", metavar="NORME", help="norme Euro (champ V.9), par exemple « Euro 5 »"
    )
    crit.add_argument(
        "--first-registration",
        type=_first_registration,
        metavar="AAAA-MM-JJ",
        help="date de première immatriculation, AAAA-MM-JJ",
    )
    crit.add_argument("--json", action="store_true", help="sortie JSON")
    return parser


def _json_dumps(data):
    """JSON where every ``Decimal`` is written as a number with its exact digits (306.00)."""
    markers = {}

    def default(value):
        if isinstance(value, Decimal):
            key = f"@@DECIMAL{len(markers)}@@"
            markers[key] = format(value, "f")
            return key
        if isinstance(value, datetime.date):
            return value.isoformat()
        raise TypeError(type(value).__name__)

    text = json.dumps(data, ensure_ascii=False, indent=2, default=default)
    return re.sub(r'"(@@DECIMAL\d+@@)"', lambda match: markers[match.group(1)], text)


def _greycard(args):
    tariffs = greycard.Tariffs.load(args.data_dir) if args.data_dir else None
    result = greycard.compute(
        greycard.GreycardInput(
            fiscal_power=args.fiscal_power,
            energy=args.energy,
            first_registration_date=args.first_registration,
            operation_date=args.date,
            postcode=args.postcode,
            department=args.department,
            category=args.category,
            ptac=args.ptac,
            imported=args.imported,
            co2_malus=args.co2_malus,
            mass_malus=args.mass_malus,
            purchase_price=args.purchase_price,
            co2_grid_max=args.co2_grid_max,
            e85_conversion=args.e85_conversion,
        ),
        tariffs=tariffs,
        estimate=args.estimate,
    )
    if args.json:
        return _json_dumps(result.as_dict())
    rows = [
        ("Y1", "Taxe régionale", result.y1),
        ("Y2", "Taxe sur les véhicules de transport", result.y2),
        ("Y3", "Taxes CO2 et masse (malus)", result.y3),
        ("Y4", "Taxe fixe", result.y4),
        ("Y5", "Redevance d'acheminement", result.y5),
    ]
    lines = [f"ESTIMATION : {result.estimate_note}."] if result.estimate else []
    lines += [
        f"Carte grise : {result.region_name} (région {result.region_code}, département "
        f"{result.department}), {result.rate_per_cv} €/CV",
    ]
    lines += [f"{code}  {label:<38} {amount:>10}" for code, label, amount in rows]
    lines.append(f"    {'Total (Y6)':<38} {result.total:>10}")
    lines.append("")
    lines += [f"- {note}" for note in result.notes]
    return "\n".join(lines)


def _critair(args):
    result = critair.critair_class(
        args.category,
        args.energy,
        euro_norm=args.euro_norm,
        first_registration=args.first_registration,
    )
    if args.json:
        return _json_dumps({"critair": result, "label": critair.critair_label(result)})
    return critair.critair_label(result)


def main(argv=None):
    """Entry point of the ``spoticar`` console script; returns the exit status."""
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        output = _greycard(args) if args.command == "greycard" else _critair(args)
    except SpoticarValidationError as exc:
        print(f"spoticar {args.command} : erreur : {exc}", file=sys.stderr)
        return 2
    except (SpoticarError, OSError) as exc:
        print(f"spoticar {args.command} : données de tarifs illisibles : {exc}", file=sys.stderr)
        return 1
    print(output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
