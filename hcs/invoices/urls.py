from django.urls import path

from hcs.invoices import views

app_name = "invoices"
urlpatterns = [
    path("", views.invoice_list, name="list"),
    path("skapa/<year:year>/", views.generate, name="generate"),
    path("bankfil/", views.bank_file, name="bank_file"),
    path("sie/<year:year>.si", views.sie, name="sie"),
    path("<int:number>/", views.invoice_detail, name="detail"),
    path("<int:number>/betalning/", views.register_payment, name="payment"),
    path("<int:number>/kreditera/", views.credit, name="credit"),
    path("<int:number>.pdf", views.pdf, name="pdf"),
    path("<int:number>.xml", views.xml, name="xml"),
]
