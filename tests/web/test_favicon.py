"""/favicon.ico, asked for by browsers and crawlers before any page (served by WhiteNoise from
web/root_files/, drawn by scripts/make_favicon.py like static/images/favicon.svg)."""

import io

from PIL import Image

BRAND_BLUE = (0x0B, 0x5D, 0x7A)


def test_the_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    icon = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert icon.format == "ICO"
    assert {(16, 16), (32, 32), (48, 48)} <= icon.info["sizes"]
    icon.size = (48, 48)
    pixels = icon.convert("RGB")
    # The rounded square's blue, the ring's white, as in the SVG.
    assert pixels.getpixel((6, 24)) == BRAND_BLUE
    assert min(pixels.getpixel((13, 24))) > 240
