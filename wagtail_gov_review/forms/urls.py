from django.urls import path

from . import views

app_name = "wagtail_gov_review_forms"
urlpatterns = [
    path("export/", views.BatchExportView.as_view(), name="batch"),
    path("page/<int:page_id>/<str:form>.<str:fmt>", views.page_form, name="page_form"),
]
