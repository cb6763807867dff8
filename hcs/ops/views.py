from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from hcs.ops.health import is_ready, readiness


@login_not_required
@never_cache
@require_safe
def readyz(request):
    """For the load balancer: 200 when this process can serve (the database answers, every
    migration is applied, a worker has been seen), else 503; the body names each check's state.
    /healthz says only that the process is alive. Neither needs a login, is cached or is
    rate-limited."""
    checks = readiness()
    return JsonResponse(checks, status=200 if is_ready(checks) else 503)
