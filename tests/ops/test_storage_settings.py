"""Media on S3-compatible object storage is switched on by environment variables alone."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
S3_VARIABLES = [
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_ENDPOINT_URL",
    "AWS_S3_REGION_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_LOCATION",
]
# Builds the storage as Django would, then reads its configuration: no request leaves.
DESCRIBE_MEDIA_STORAGE = """
import json, django
django.setup()
from django.core.files.storage import storages
media = storages["default"]
described = {"class": type(media).__module__ + "." + type(media).__name__}
for name in ["bucket_name", "endpoint_url", "region_name", "custom_domain", "querystring_auth",
             "file_overwrite", "location"]:
    described[name] = getattr(media, name, None)
described["url"] = media.url("images/logo.width-400.png")
print(json.dumps(described))
"""


def media_storage(**environment):
    env = {key: value for key, value in os.environ.items() if key not in S3_VARIABLES}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x" * 50,
        AWS_ACCESS_KEY_ID="test-key-id",
        AWS_SECRET_ACCESS_KEY="test-secret",
        **environment,
    )
    result = subprocess.run(
        [sys.executable, "-c", DESCRIBE_MEDIA_STORAGE],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_stay_on_the_local_disk_without_a_bucket():
    storage = media_storage(MEDIA_ROOT="/srv/media")

    assert storage["class"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert storage["url"] == "/media/images/logo.width-400.png"


def test_a_bucket_name_sends_media_to_s3_compatible_storage():
    storage = media_storage(
        AWS_STORAGE_BUCKET_NAME="consortium-media",
        AWS_S3_ENDPOINT_URL="https://s3.ca-central-1.example.net",
        AWS_S3_REGION_NAME="ca-central-1",
    )

    assert storage["class"] == "storages.backends.s3.S3Storage"
    assert storage["bucket_name"] == "consortium-media"
    assert storage["endpoint_url"] == "https://s3.ca-central-1.example.net"
    assert storage["region_name"] == "ca-central-1"
    assert storage["file_overwrite"] is False
    # Pages keep image addresses (page cache, CDN): never signed URLs that expire.
    assert storage["querystring_auth"] is False
    assert "Signature" not in storage["url"]
    assert "X-Amz" not in storage["url"]
    assert storage["url"].endswith("/consortium-media/images/logo.width-400.png")


def test_a_cdn_domain_gives_media_addresses_on_that_domain():
    storage = media_storage(
        AWS_STORAGE_BUCKET_NAME="consortium-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        AWS_LOCATION="site",
    )

    assert storage["url"] == "https://media.example.org/site/images/logo.width-400.png"
