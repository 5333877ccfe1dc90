"""Response headers that tell browsers what a page may do, and the admin's login lockout page.

Every response gets a Content-Security-Policy, a Permissions-Policy and a
Cross-Origin-Resource-Policy (Django's SecurityMiddleware adds HSTS, nosniff, the referrer
policy and Cross-Origin-Opener-Policy). Public pages get a strict policy: nothing inline but
what a template registered with `web.csp.allow_inline`, by its hash; hashes rather than
nonces because the page cache stores a page with its headers. Wagtail's admin, which writes
inline scripts and styles, gets the policy it can run with, and may be framed by the site
itself. A preview is the page under the public policy, but framed by the admin's preview panel.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.account import get_user_login_form

from web.csp import inline_hashes

PUBLIC_POLICY = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "manifest-src": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}

# Wagtail 8's admin writes inline <script> (date pickers, inline panels) and style attributes,
# and draws images from data: and blob: URLs (image previews, the focal point editor).
ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def media_origin():
    """The origin of uploaded images when they are served from another host (a CDN, S3)."""
    parts = urlsplit(settings.MEDIA_URL)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


def is_admin_request(request):
    return request.path.startswith(reverse("wagtailadmin_home"))


def policy_for(request):
    if is_admin_request(request):
        directives = {name: list(sources) for name, sources in ADMIN_POLICY.items()}
    else:
        directives = {name: list(sources) for name, sources in PUBLIC_POLICY.items()}
        for directive in ("script-src", "style-src"):
            directives[directive] += inline_hashes(request, directive)
        if getattr(request, "is_preview", False):
            # The page as visitors get it, framed by the admin's preview panel.
            directives["frame-ancestors"] = ["'self'"]
    if origin := media_origin():
        directives["img-src"].append(origin)
    return directives


def serialize(directives):
    parts = [f"{name} {' '.join(sources)}" for name, sources in directives.items()]
    if getattr(settings, "CSP_UPGRADE_INSECURE_REQUESTS", False):
        parts.append("upgrade-insecure-requests")
    return "; ".join(parts)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy.

    A view that sets its own policy keeps it (Wagtail serves documents with
    `default-src 'none'`, stricter still).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", serialize(policy_for(request)))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


def login_locked_out(request, original_response=None, credentials=None):
    """Wagtail's sign-in page, saying why signing in is refused (django-axes' lockout)."""
    User = get_user_model()
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {
        # An unbound form: validating the posted one would count one more failed attempt.
        "form": get_user_login_form()(request),
        "lockout_message": _(
            "Too many failed sign-in attempts. For your security, signing in with this "
            "username from your connection is blocked for %(minutes)s minutes. Wait, then "
            "try again, or ask the site's administrator to unlock your account."
        )
        % {"minutes": minutes},
        "show_password_reset": getattr(settings, "WAGTAIL_PASSWORD_RESET_ENABLED", True),
        "username_field": User._meta.get_field(User.USERNAME_FIELD).verbose_name,
    }
    return render(
        request,
        "security/login_locked_out.html",
        context,
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def client_ip_address(request):
    """The visitor's address: the one the last of our trusted proxies saw, or REMOTE_ADDR.

    Only the entries our own proxies appended are trusted; those to their left are whatever
    the client chose to send.
    """
    proxy_count = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if proxy_count and len(forwarded) >= proxy_count:
        return forwarded[-proxy_count]
    return request.META.get("REMOTE_ADDR", "")
