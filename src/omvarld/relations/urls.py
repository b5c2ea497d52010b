from django.urls import path

from . import views, views_contacts, views_records

app_name = "relations"

urlpatterns = [
    path("", views.partner_list, name="partner_list"),
    path("karta/", views.partner_map, name="partner_map"),
    path("ny/", views.partner_create, name="partner_create"),
    path("<int:pk>/", views.partner_detail, name="partner_detail"),
    path("<int:pk>/andra/", views.partner_edit, name="partner_edit"),
    path("<int:pk>/ta-bort/", views.partner_delete, name="partner_delete"),
    path("organ/", views.body_index, name="body_index"),
    path("organ/<int:body_id>/", views.body_overview, name="body_overview"),
    path("<int:pk>/medlemskap/ny/", views_records.membership_create, name="membership_create"),
    path("medlemskap/<int:pk>/andra/", views_records.membership_edit, name="membership_edit"),
    path("medlemskap/<int:pk>/ta-bort/", views_records.membership_delete, name="membership_delete"),
    path("<int:pk>/avtal/nytt/", views_records.agreement_create, name="agreement_create"),
    path("avtal/<int:pk>/", views_records.agreement_detail, name="agreement_detail"),
    path("avtal/<int:pk>/andra/", views_records.agreement_edit, name="agreement_edit"),
    path("avtal/<int:pk>/ta-bort/", views_records.agreement_delete, name="agreement_delete"),
    path("avtal/<int:pk>/dokument/", views_records.document_upload, name="document_upload"),
    path("dokument/<int:pk>/", views_records.document_download, name="document_download"),
    path("dokument/<int:pk>/ta-bort/", views_records.document_remove, name="document_remove"),
    path("aktiviteter/", views_records.activity_list, name="activity_list"),
    path("aktiviteter/ny/", views_records.activity_create, name="activity_create"),
    path("aktiviteter/<int:pk>/", views_records.activity_detail, name="activity_detail"),
    path("aktiviteter/<int:pk>/andra/", views_records.activity_edit, name="activity_edit"),
    path("aktiviteter/<int:pk>/ta-bort/", views_records.activity_delete, name="activity_delete"),
    path("<int:pk>/kontakter/ny/", views_contacts.contact_create, name="contact_create"),
    path("kontakter/<int:pk>/", views_contacts.contact_detail, name="contact_detail"),
    path("kontakter/<int:pk>/andra/", views_contacts.contact_edit, name="contact_edit"),
    path("kontakter/<int:pk>/export/", views_contacts.contact_export, name="contact_export"),
    path("kontakter/<int:pk>/radera/", views_contacts.contact_erase, name="contact_erase"),
    path("personuppgifter/", views_contacts.privacy_overview, name="privacy"),
]
