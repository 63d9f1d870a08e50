"""Exceptions of the Spoticar core rules.

Every refusal carries a French message meant for the end user; ``str(exc)`` is that message, so an
addon can show it as is (for instance inside an Odoo ``ValidationError``).
"""


class SpoticarError(Exception):
    """Base class of every error raised by ``spoticar_core``."""


class SpoticarValidationError(SpoticarError, ValueError):
    """A value was refused: ``field`` names the input, ``message`` says why, in French."""

    def __init__(self, field, message):
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self):
        return self.message

    def __repr__(self):
        return f"{type(self).__name__}({self.field!r}, {self.message!r})"


class GreycardError(SpoticarValidationError):
    """The carte grise amount cannot be computed (unknown postcode, date outside the tariffs...)."""
