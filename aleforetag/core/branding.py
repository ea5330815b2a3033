"""The municipality's identity in the site frame: its main colour's contrast and its uploaded
images (logo, favicon), checked by content as well as by name."""

import math
import re

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# WCAG 2.1 AA for normal text: 4.5:1.
MINIMUM_CONTRAST = 4.5
WHITE = "#ffffff"
# The footer's light background; links in the main colour appear on it too.
FOOTER_BACKGROUND = "#f3f5f7"
DEFAULT_COLOUR = "#0b4f8a"

LOGO_MAX_BYTES = 500 * 1024
FAVICON_MAX_BYTES = 100 * 1024

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")

# First bytes of each accepted image type, with the content type the site serves it as.
IMAGE_SIGNATURES = {
    "png": (b"\x89PNG\r\n\x1a\n", "image/png"),
    "jpeg": (b"\xff\xd8\xff", "image/jpeg"),
    "webp": (b"RIFF", "image/webp"),
    "ico": (b"\x00\x00\x01\x00", "image/x-icon"),
}
EXTENSIONS = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg", "webp": "webp", "ico": "ico"}


def relative_luminance(colour: str) -> float:
    """The relative luminance of a ``#rrggbb`` colour, as WCAG 2.1 defines it."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def darken(colour: str, factor: float = 0.78) -> str:
    """The colour a little darker (for hover states): each channel times ``factor``."""
    channels = [round(int(colour[i : i + 2], 16) * factor) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in channels)


def validate_main_colour(value: str) -> None:
    """Refuse a colour that is not ``#rrggbb``, or on which white text, or which as link text on
    white or on the footer's background, falls under 4.5:1; the message gives the ratio."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(
            _("Give the colour as # and six hexadecimal digits, for example #0b4f8a."), code="format"
        )
    ratio = min(contrast_ratio(value, WHITE), contrast_ratio(value, FOOTER_BACKGROUND))
    if ratio < MINIMUM_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour, or links in it, reach a contrast of only %(ratio)s:1; "
                "at least 4.5:1 is needed. Choose a darker colour."
            ),
            code="contrast",
            # Cut, not rounded, to two decimals: 4.499 never reads as 4.50.
            params={"ratio": number_format(math.floor(ratio * 100) / 100, decimal_pos=2)},
        )


def image_kind(upload) -> str | None:
    """The accepted image type the file's first bytes show (png, jpeg, webp, ico), or None."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    for kind, (signature, _type) in IMAGE_SIGNATURES.items():
        if head.startswith(signature) and (kind != "webp" or head[8:12] == b"WEBP"):
            return kind
    return None


def _validate_image(upload, *, kinds: tuple[str, ...], max_bytes: int, types_text) -> None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    kind = image_kind(upload)
    if EXTENSIONS.get(extension) not in kinds or kind != EXTENSIONS.get(extension):
        raise ValidationError(
            _("The file must be a %(types)s image."), code="type", params={"types": types_text}
        )
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s kB; at most %(limit)s kB is allowed."),
            code="size",
            params={"size": (upload.size + 1023) // 1024, "limit": max_bytes // 1024},
        )


def validate_logo(upload) -> None:
    """A logo is a PNG, JPEG or WebP image (by name and content) of at most 500 kB."""
    _validate_image(
        upload, kinds=("png", "jpeg", "webp"), max_bytes=LOGO_MAX_BYTES, types_text="PNG, JPEG, WebP"
    )


def validate_favicon(upload) -> None:
    """A favicon is a PNG or ICO image (by name and content) of at most 100 kB."""
    _validate_image(upload, kinds=("png", "ico"), max_bytes=FAVICON_MAX_BYTES, types_text="PNG, ICO")


def content_type_of(upload) -> str:
    """The content type to serve a stored image with, from its content."""
    kind = image_kind(upload)
    return IMAGE_SIGNATURES[kind][1] if kind else "application/octet-stream"
