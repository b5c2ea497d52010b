from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import views, views_users
from .forms import LoginForm

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("api-nyckel/", views.token_regenerate, name="token_regenerate"),
    path("anvandare/", views_users.user_list, name="user_list"),
    path("anvandare/bjud-in/", views_users.user_invite, name="user_invite"),
    path("anvandare/<int:pk>/", views_users.user_edit, name="user_edit"),
    path("anvandare/<int:pk>/aktiv/", views_users.user_set_active, name="user_set_active"),
    path(
        "anvandare/<int:pk>/ny-inbjudan/",
        views_users.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "logga-in/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "losenord/",
        auth_views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done")
        ),
        name="password_change",
    ),
    path(
        "losenord/klart/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path(
        "aterstall/",
        auth_views.PasswordResetView.as_view(
            success_url=reverse_lazy("accounts:password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "aterstall/skickat/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"
    ),
    path(
        "aterstall/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "aterstall/klart/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]
