"""Replace Wagtail's placeholder welcome page with the Bright Spots home page."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("home.HomePage")

    if HomePage.objects.exists():
        return
    Page.objects.filter(depth=2, slug="home", content_type__model="page").delete()

    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="home")
    root = Page.objects.get(depth=1)
    locale = Locale.objects.order_by("pk").first()
    homepage = HomePage.objects.create(
        title="Bright Spots",
        draft_title="Bright Spots",
        slug="home",
        content_type=content_type,
        # The welcome page deleted above held this path; the root has no other children yet.
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        live=True,
        introduction="Child-welfare practices reviewed and recommended by parents who have been through the system.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": homepage, "site_name": "Bright Spots"},
    )


def remove_homepage(apps, schema_editor):
    apps.get_model("home.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_initial"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
