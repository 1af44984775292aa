"""A real S3 HTTP endpoint for the suite: moto_server in its own process on a free loopback port."""

import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import boto3
import botocore.endpoint

from django.conf import settings
from django.test import override_settings


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MotoServer:
    """One moto_server process; stop() is a real outage (connections refused)."""

    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from moto.server import main; main()",
                "-H",
                "127.0.0.1",
                "-p",
                str(self.port),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"moto_server did not start on port {self.port}")

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.url,
            region_name=settings.AWS_S3_REGION_NAME,
            aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
            aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
        )

    def create_bucket(self, name):
        self.client().create_bucket(Bucket=name)
        return name

    def keys(self, bucket, prefix=""):
        paginator = self.client().get_paginator("list_objects_v2")
        return [
            obj["Key"]
            for page in paginator.paginate(Bucket=bucket, Prefix=prefix)
            for obj in page.get("Contents", [])
        ]

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@contextmanager
def storage_on(server, bucket):
    """Point the default storage at this server and bucket (a fresh storage object is built)."""
    with override_settings(
        AWS_S3_ENDPOINT_URL=server.url,
        AWS_STORAGE_BUCKET_NAME=bucket,
        # Re-assigning STORAGES makes Django drop its cached storage objects.
        STORAGES=dict(settings.STORAGES),
    ):
        yield


@contextmanager
def count_s3_requests():
    """Count every HTTP request any boto3 client in this process sends."""
    sent = []
    original = botocore.endpoint.Endpoint._send

    def spy(endpoint, request):
        sent.append(f"{request.method} {request.url}")
        return original(endpoint, request)

    botocore.endpoint.Endpoint._send = spy
    try:
        yield sent
    finally:
        botocore.endpoint.Endpoint._send = original
