from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """A background worker that is alive. `manage.py worker` (db_worker with a heartbeat,
    hcs.ops.heartbeat) writes its row every HEARTBEAT_SECONDS while it runs; /readyz is ready
    only if some row is newer than WORKER_SEEN_WITHIN_SECONDS. One row per process (host and
    pid); rows not seen for a day are removed by the beats of the workers still running."""

    name = models.CharField(_("worker"), max_length=255, unique=True)
    host = models.CharField(_("host"), max_length=200)
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started"))
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")
        ordering = ["-last_seen"]

    def __str__(self) -> str:
        return self.name
