"""One rate limit for every public write, counted in Django's cache without tracking anyone."""

from django.test import RequestFactory

from hcs.lib import ratelimit


def test_a_client_is_a_daily_salted_hash_of_its_address(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="198.51.100.4")
    monday = ratelimit.client_identity(request, day="2026-03-02")
    tuesday = ratelimit.client_identity(request, day="2026-03-03")
    assert monday != tuesday and "198.51.100.4" not in monday
    other = RequestFactory().get("/", REMOTE_ADDR="198.51.100.5")
    assert ratelimit.client_identity(other, day="2026-03-02") != monday
    settings.SECRET_KEY = "another-secret-key-for-the-test"
    assert ratelimit.client_identity(request, day="2026-03-02") != monday


def test_the_limit_slides_over_the_previous_window(settings):
    settings.RATE_LIMITS = {"survey": (4, 100)}
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    hit = ratelimit.hit_client
    assert all(hit(request, "survey", now=1000 + t).allowed for t in range(4))  # window 10
    assert not hit(request, "survey", now=1050).allowed
    # Into the next window the four weigh by the share of their window still in the period.
    assert hit(request, "survey", now=1110).allowed  # 4 × 0.9 + 0 < 4
    refused = hit(request, "survey", now=1111)  # 4 × 0.89 + 1 ≥ 4
    assert not refused.allowed and refused.retry_after == 15  # 4 × 0.74 + 1 < 4 from 1126
    assert not hit(request, "survey", now=1125).allowed
    assert hit(request, "survey", now=1126).allowed


def test_scopes_and_clients_are_counted_apart(settings):
    settings.RATE_LIMITS = {"registration": (1, 600), "login": (1, 600)}
    one = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    two = RequestFactory().get("/", REMOTE_ADDR="192.0.2.2")
    assert ratelimit.hit_client(one, "registration", now=10).allowed
    assert not ratelimit.hit_client(one, "registration", now=11).allowed
    assert ratelimit.hit_client(one, "login", now=11).allowed
    assert ratelimit.hit_client(two, "registration", now=11).allowed


def test_a_proxy_header_can_name_the_client(settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_REAL_IP"
    one = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.1")
    two = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_REAL_IP="192.0.2.2")
    day = "2026-03-02"
    assert ratelimit.client_identity(one, day=day) != ratelimit.client_identity(two, day=day)


def test_a_forwarded_list_counts_the_address_the_proxy_saw(settings):
    """The client can write anything before; the proxy appends the address it saw last."""
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"
    forged = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.9")
    assert ratelimit.client_address(forged) == "192.0.2.9"


def test_an_account_can_be_forgotten_after_a_success(settings):
    settings.RATE_LIMITS = {"login_failures": (2, 600)}
    account = ratelimit.account_identity("Anna")
    assert account == ratelimit.account_identity(" anna ")
    ratelimit.count("login_failures", account, now=5)
    ratelimit.count("login_failures", account, now=6)
    assert not ratelimit.check("login_failures", account, now=7).allowed
    ratelimit.forget("login_failures", account, now=8)
    assert ratelimit.check("login_failures", account, now=9).allowed


def test_limits_can_come_from_the_environment(monkeypatch):
    import pytest
    from django.core.exceptions import ImproperlyConfigured

    from hcs.lib.env import envlimits

    monkeypatch.setenv("RATE_LIMITS", "login=20/900, registration=10/600")
    assert envlimits("RATE_LIMITS") == {"login": (20, 900), "registration": (10, 600)}
    monkeypatch.setenv("RATE_LIMITS", "login=många")
    with pytest.raises(ImproperlyConfigured):
        envlimits("RATE_LIMITS")


def test_the_counters_have_a_cache_of_their_own():
    """Pages cached in plenty cull the page cache, never a rate limit's counter."""
    from hcs.lib.cache import caches

    for url in ("", "redis://127.0.0.1:6379/0", "db://hcs_cache"):
        both = caches(url)
        assert both["default"] != both["ratelimit"], url
    assert caches("db://hcs_cache")["ratelimit"]["LOCATION"] == "hcs_cache_ratelimit"
    assert (
        caches("")["ratelimit"]["OPTIONS"]["MAX_ENTRIES"]
        > caches("")["default"]["OPTIONS"]["MAX_ENTRIES"]
    )
