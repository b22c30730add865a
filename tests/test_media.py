"""Innovations' photos: what the checker refuses (at the field, with a fix) and the web copy the
site makes of a photo (upright, resized, without location or camera data, byte-identical)."""

from __future__ import annotations

import io
import os

import pytest
from PIL import Image

from generator.content import check_media
from generator.content.check import load_catalogue
from generator.content.messages import message
from generator.site.media import WEB_MAX_SIDE, photo_files, web_image, within
from generator.site.pages import plan_pages

INNOVATION = "innovations/kabupaten-sumedang/command-center.yml"
PHOTO = "media/kabupaten-sumedang/ruang.jpg"
GPS, MAKE, ARTIST, ORIENTATION = 0x8825, 0x010F, 0x013B, 0x0112


def camera_jpeg(size: tuple[int, int] = (3000, 2000), orientation: int = 1) -> bytes:
    """A photo as a phone saves it: EXIF with where it was taken, the camera and the owner."""
    image = Image.new("RGB", size, (20, 120, 200))
    image.paste((250, 200, 0), (0, 0, size[0] // 3, size[1] // 3))  # a corner to tell rotation by
    exif = Image.Exif()
    exif[MAKE] = "PhoneCam"
    exif[ARTIST] = "Nama Pribadi"
    exif[ORIENTATION] = orientation
    exif[GPS] = {1: "S", 2: (6.0, 51.0, 30.0), 3: "E", 4: (107.0, 55.0, 10.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, exif=exif.tobytes(), comment=b"private note")
    return out.getvalue()


def encoded(fmt: str, size: tuple[int, int] = (40, 30), mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 0).save(out, fmt)
    return out.getvalue()


@pytest.fixture
def with_photo(scratch):
    """The minimal catalogue, its innovation showing one photo at `PHOTO`."""
    scratch.edit(
        INNOVATION,
        "last_verified:",
        "media:\n"
        "  - file: kabupaten-sumedang/ruang.jpg\n"
        "    alt: Ruang kendali.\n"
        "    credit: Diskominfosanditik Kabupaten Sumedang\n"
        "    licence: cc-by-4.0\n"
        "last_verified:",
    )
    scratch.write(PHOTO, camera_jpeg())
    return scratch


def media_problems(scratch):
    return [p for p in scratch.check().problems if p.code.startswith("media-") or p.code == "symlink"]


def test_a_good_photo_passes(with_photo):
    assert media_problems(with_photo) == []
    assert with_photo.check().ok


def test_a_missing_photo_is_named_at_its_field_with_where_to_save_it(with_photo):
    os.remove(with_photo.root / PHOTO)
    (found,) = media_problems(with_photo)
    assert (found.path, found.code, found.field, found.severity) == (
        INNOVATION,
        "media-missing",
        "media[0].file",
        "error",
    )
    line = with_photo.read(INNOVATION).splitlines()[found.line - 1]
    assert line.strip() == "- file: kabupaten-sumedang/ruang.jpg"
    assert "media/kabupaten-sumedang/ruang.jpg" in message(found, "id")


def test_a_photo_in_another_regions_folder_is_refused(with_photo):
    with_photo.edit(INNOVATION, "file: kabupaten-sumedang/ruang.jpg", "file: kota-bandung/ruang.jpg")
    with_photo.write("media/kota-bandung/ruang.jpg", camera_jpeg())
    codes = [p.code for p in media_problems(with_photo)]
    assert codes == ["media-other-region", "media-unused"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (encoded("GIF"), "media-format"),
        (encoded("PNG"), "media-extension"),
        (camera_jpeg()[:5000], "media-unreadable"),
        (b"not a picture at all", "media-unreadable"),
    ],
    ids=["gif", "png-named-jpg", "truncated-jpeg", "not-an-image"],
)
def test_a_photo_the_site_cannot_show_is_refused(with_photo, data, code):
    with_photo.write(PHOTO, data)
    assert [p.code for p in media_problems(with_photo)] == [code]


def test_limits_come_before_decoding(with_photo, monkeypatch):
    monkeypatch.setattr(check_media, "MAX_MEDIA_PIXELS", 1_000_000)
    monkeypatch.setattr(check_media, "_OUTCOMES", {})
    (found,) = media_problems(with_photo)
    assert found.code == "media-too-many-pixels"
    assert "3000×2000" in message(found, "en")
    monkeypatch.setattr(check_media, "MAX_MEDIA_BYTES", 10_000)
    monkeypatch.setattr(check_media, "_OUTCOMES", {})
    assert [p.code for p in media_problems(with_photo)] == ["media-too-large"]


def test_a_symlinked_photo_is_refused(with_photo, tmp_path):
    outside = tmp_path / "outside.jpg"
    outside.write_bytes(camera_jpeg())
    os.remove(with_photo.root / PHOTO)
    os.symlink(outside, with_photo.root / PHOTO)
    assert [p.code for p in media_problems(with_photo)] == ["symlink"]


def test_a_photo_no_innovation_uses_is_a_warning(with_photo):
    with_photo.write("media/kabupaten-sumedang/lama.png", encoded("PNG"))
    with_photo.write("media/README.md", "Foto inovasi.\n")
    (found,) = media_problems(with_photo)
    assert (found.path, found.code, found.severity) == (
        "media/kabupaten-sumedang/lama.png",
        "media-unused",
        "warning",
    )
    assert with_photo.check().ok


def test_a_bad_file_name_is_refused_by_its_format(with_photo):
    with_photo.edit(
        INNOVATION, "file: kabupaten-sumedang/ruang.jpg", "file: kabupaten-sumedang/Ruang Kendali.JPG"
    )
    codes = {p.code for p in with_photo.check().problems if p.field == "media[0].file"}
    assert codes and not codes & {"media-missing", "media-unreadable"}


# --- The web copy -------------------------------------------------------------------------------


def test_the_web_copy_drops_location_camera_and_owner():
    original = Image.open(io.BytesIO(camera_jpeg()))
    assert original.getexif()[GPS] and original.info.get("comment")  # the test photo carries them
    copy = Image.open(io.BytesIO(web_image(camera_jpeg())))
    assert dict(copy.getexif()) == {}
    assert not {"exif", "xmp", "icc_profile", "comment"} & set(copy.info)
    assert b"PhoneCam" not in web_image(camera_jpeg()) and b"Nama Pribadi" not in web_image(camera_jpeg())


def test_the_web_copy_is_upright_resized_and_the_same_every_time():
    data = camera_jpeg(orientation=6)  # the camera was turned: EXIF says rotate 90° clockwise
    copy = Image.open(io.BytesIO(web_image(data)))
    assert copy.size == (round(WEB_MAX_SIDE * 2000 / 3000), WEB_MAX_SIDE)
    assert copy.convert("RGB").getpixel((copy.width - 5, 5))[2] < 100  # the yellow corner, turned
    assert web_image(data) == web_image(data)
    small = Image.open(io.BytesIO(web_image(camera_jpeg((800, 600)))))
    assert small.size == (800, 600)  # never enlarged


def test_png_keeps_its_transparency_and_webp_stays_webp():
    png = Image.open(io.BytesIO(web_image(encoded("PNG", mode="RGBA"))))
    assert (png.format, png.mode) == ("PNG", "RGBA")
    webp = Image.open(io.BytesIO(web_image(encoded("WEBP"))))
    assert webp.format == "WEBP" and "exif" not in webp.info


def test_the_site_gets_every_photo_once_from_the_cache(with_photo, tmp_path):
    catalogue = load_catalogue(with_photo.root)
    cache = tmp_path / "cache"
    files = photo_files(catalogue, with_photo.root, cache)
    assert list(files) == ["media/kabupaten-sumedang/ruang.jpg"]
    assert files == photo_files(catalogue, with_photo.root, None)
    (kept,) = [p for p in cache.rglob("*") if p.is_file()]
    kept.write_bytes(b"cached")  # a second build reads the cache, not the photo
    assert photo_files(catalogue, with_photo.root, cache)["media/kabupaten-sumedang/ruang.jpg"] == b"cached"
    assert within(files, 1) and not within({"a": b"x" * 1_048_577}, 1)


def test_pages_show_the_photo_or_say_it_is_left_out(with_photo):
    catalogue = load_catalogue(with_photo.root)
    path = "inovasi/kabupaten-sumedang/command-center.md"
    shown = plan_pages(catalogue)[path]()
    assert "![Ruang kendali&#46;](../../media/kabupaten-sumedang/ruang.jpg)" in shown
    assert "Diskominfosanditik Kabupaten Sumedang (CC BY 4&#46;0)" in shown
    left_out = plan_pages(catalogue, photos=False)[path]()
    assert "media/" not in left_out
    assert "Foto tidak disertakan dalam salinan luring: Ruang kendali&#46;" in left_out


def test_an_unchanged_photo_is_decoded_once_across_checks(with_photo, monkeypatch):
    opened = []
    real_open = check_media.Image.open
    monkeypatch.setattr(check_media.Image, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    monkeypatch.setattr(check_media, "_OUTCOMES", {})
    assert media_problems(with_photo) == [] and media_problems(with_photo) == []
    assert len(opened) == 1  # `mkdocs serve` checks at every rebuild
    with_photo.write(PHOTO, b"broken now")
    assert [p.code for p in media_problems(with_photo)] == ["media-unreadable"]
