"""Logs for production: one JSON object per line, each carrying the id of the request it was
written during (`LOG_FORMAT=json`, hcs/settings.py's LOGGING).

The id comes from `RequestIdMiddleware` (hcs.ops.middleware), which keeps it in a context
variable for as long as the request runs; `RequestIdFilter`, on the handler, copies it onto every
record. Outside a request (the worker, a command) it is null.
"""

import logging
import os
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from gunicorn.glogging import Logger as _GunicornBaseLogger
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

request_id: ContextVar[str | None] = ContextVar("request_id", default=None)


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id.get()
        return True


class JsonFormatter(_JsonFormatter):
    """{"time", "level", "logger", "message", "request_id"}, then whatever the call passed in
    `extra` (the access line: method, path, status, duration_ms), and `exc_info` with the
    traceback. The `request` Django's loggers pass along is left out: its text holds the query
    string, and the request id already ties the line to its request."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            ["levelname", "name", "message", "request_id"],
            rename_fields={"levelname": "level", "name": "logger"},
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
            json_ensure_ascii=False,
            **kwargs,
        )

    def add_fields(
        self, log_data: dict[str, Any], record: logging.LogRecord, message_dict: dict[str, Any]
    ) -> None:
        log_data["time"] = datetime.fromtimestamp(record.created, tz=UTC).isoformat(
            timespec="milliseconds"
        )
        super().add_fields(log_data, record, message_dict)


class GunicornLogger(_GunicornBaseLogger):
    """gunicorn's own lines (start, workers booted, timeouts) in the same form as the
    platform's: `gunicorn --logger-class hcs.ops.logs.GunicornLogger` (the image does). JSON when
    LOG_FORMAT=json, gunicorn's usual text otherwise. gunicorn's access log stays off (its
    default): the platform writes one line per request itself (logger "hcs.request"), with the
    request id."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        if os.environ.get("LOG_FORMAT", "").strip().lower() != "json":
            return
        for log in (self.error_log, self.access_log):
            for handler in log.handlers:
                handler.setFormatter(JsonFormatter())
                handler.addFilter(RequestIdFilter())
