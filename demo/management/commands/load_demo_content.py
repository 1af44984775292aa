"""Load the Bright Spots demo content: pages, practices, resources and, in dev, demo logins."""

from io import StringIO
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Q
from django.test.utils import override_settings
from django.utils.text import slugify

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.documents import get_document_model
from wagtail.models import Locale, Page, Site

from demo import content, seeds
from demo.bodies import (
    about_body,
    call_to_action,
    our_process_body,
    rich_text,
    submit_guidance,
)
from demo.pdf import make_pdf
from demo.reviews import publish_through_review
from home.models import HomePage, HomePageFeaturedPractice, StandardPage
from practices.contributions.models import SubmissionPage
from practices.models import (
    Organisation,
    Population,
    PracticeIndexPage,
    PracticePage,
    PracticeResource,
    Topic,
)


class Command(BaseCommand):
    """Create whatever demo content is missing; never change what already exists."""

    help = "Create the demo pages, practices, resources and (in dev) logins. Safe to run again: existing items are left as they are."

    def add_arguments(self, parser):
        parser.add_argument(
            "--seeds",
            type=Path,
            default=None,
            help="Directory holding the seed texts (default: shared/seeds beside the project).",
        )

    def handle(self, *args, **options):
        self.verbosity = options["verbosity"]
        seeds_dir = options["seeds"] or settings.BASE_DIR.parent / "shared" / "seeds"
        # Parse first, so bad seeds stop the command before anything is written.
        about, seed_practice = seeds.load(Path(seeds_dir))
        password = getattr(settings, "BRIGHTSPOTS_DEMO_PASSWORD", None)

        # Demo rounds open and close in this one run: nobody is waiting to be emailed about them.
        with (
            transaction.atomic(),
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"
            ),
        ):
            # Demo content is attributed to the demo superuser, who may publish anywhere.
            self.users = self.ensure_users(password)
            self.author = self.users["admin"]
            home = self.ensure_home()
            self.ensure_snippets()
            library = self.ensure_page(
                home,
                PracticeIndexPage,
                "library",
                title="Library",
                introduction=content.LIBRARY_INTRODUCTION,
            )
            self.ensure_page(
                home,
                StandardPage,
                "about",
                title="About Bright Spots",
                body=about_body(about, library),
            )
            self.ensure_page(
                home,
                StandardPage,
                "our-process",
                title="Our process",
                introduction=content.OUR_PROCESS_INTRODUCTION,
                body=our_process_body(library),
            )
            self.retire_placeholder_submit_page(home)
            submit = self.ensure_page(
                home,
                SubmissionPage,
                "submit",
                title="Submit a Bright Spot",
                introduction=content.SUBMIT_INTRODUCTION,
                guidance=submit_guidance(),
                thanks_text=rich_text([content.SUBMIT_NEXT]),
            )
            self.ensure_practice(library, self.parent_partner_fields(seed_practice))
            for fields in content.FICTIONAL_PRACTICES:
                self.ensure_practice(library, fields)
            self.fill_home(home, seed_practice["beliefs"], library, submit)

        call_command("update_index", stdout=StringIO(), stderr=StringIO())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {PracticePage.objects.count()} practices, "
                f"{get_document_model().objects.count()} documents, {Topic.objects.count()} topics."
            )
        )
        if password:
            self.print_logins(password)

    def report(self, label, created):
        if self.verbosity >= 1:
            status = self.style.SUCCESS("created") if created else "already there"
            self.stdout.write(f"{label}: {status}")

    # Demo logins

    def ensure_users(self, password):
        """Demo accounts run the real review workflow; they can sign in only where a demo password is set."""
        User = get_user_model()
        users = {}
        for username, first_name, last_name, group_name in content.DEMO_USERS:
            user = User.objects.filter(username=username).first()
            self.report(f'User "{username}"', user is None)
            if user is None:
                fields = {
                    "email": f"{username}@example.org",
                    "first_name": first_name,
                    "last_name": last_name,
                }
                if group_name is None:
                    user = User.objects.create_superuser(
                        username, password=password, **fields
                    )
                else:
                    user = User.objects.create_user(
                        username, password=password, **fields
                    )
                    user.groups.add(Group.objects.get(name=group_name))
                if not password:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
            users[username] = user
        return users

    def print_logins(self, password):
        self.stdout.write("")
        self.stdout.write(f"Demo logins (password for all: {password}):")
        self.stdout.write(f"  {'username':<10}  {'role':<18}  email")
        for username, _first, _last, group_name in content.DEMO_USERS:
            role = group_name or "Superuser"
            self.stdout.write(f"  {username:<10}  {role:<18}  {username}@example.org")

    # Tree and site

    def ensure_home(self):
        root = Page.get_first_root_node()
        if root is None:
            if not Locale.objects.exists():
                Locale.objects.create(
                    language_code=get_supported_content_language_variant(
                        settings.LANGUAGE_CODE
                    )
                )
            root = Page.add_root(instance=Page(title="Root", slug="root", live=True))
        home = HomePage.objects.first()
        self.report('Home page "Bright Spots"', home is None)
        if home is None:
            # A page left over under the root may already hold the "home" slug.
            slug = (
                "bright-spots"
                if root.get_children().filter(slug="home").exists()
                else "home"
            )
            home = self.publish_child(
                root,
                HomePage(
                    title="Bright Spots",
                    slug=slug,
                    introduction=content.HOME_INTRODUCTION,
                ),
            )

        site = (
            Site.objects.filter(is_default_site=True).first()
            or Site.objects.filter(hostname="localhost", port=80).first()
            or Site(hostname="localhost", port=80, site_name=settings.WAGTAIL_SITE_NAME)
        )
        site_ready = (
            site.pk is not None
            and site.is_default_site
            and site.root_page_id == home.pk
        )
        self.report("Default site pointing at the home page", not site_ready)
        if not site_ready:
            site.is_default_site = True
            site.root_page = home
            site.save()
        return home

    def publish_child(self, parent, page):
        # Publish through a revision, as the editor's "Publish" button does, so the page has a live revision.
        page.live = False
        page.owner = self.author
        parent.add_child(instance=page)
        page.save_revision(user=self.author, log_action=True).publish(user=self.author)
        return page

    def ensure_page(self, parent, model, slug, **fields):
        if model is PracticeIndexPage:
            # There can be only one library, so it counts as there even if an editor changed its slug.
            existing = PracticeIndexPage.objects.first()
        else:
            existing = parent.get_children().filter(slug=slug).specific().first()
        self.report(f'Page "{fields["title"]}" (/{slug}/)', existing is None)
        if existing is not None:
            return existing
        return self.publish_child(
            parent, model(slug=slug, show_in_menus=True, **fields)
        )

    def fill_home(self, home, beliefs, library, submit):
        home = HomePage.objects.get(pk=home.pk)
        self.report(
            "Home page beliefs, calls to action and featured practices",
            not home.beliefs,
        )
        if home.beliefs:
            return
        if not home.introduction:
            home.introduction = content.HOME_INTRODUCTION
        home.beliefs = [{"type": "belief", "value": belief} for belief in beliefs]
        if not home.calls_to_action:
            home.calls_to_action = [
                call_to_action(
                    "Find a practice",
                    "Search the library",
                    library,
                    "Practices parents have reviewed and recommend.",
                ),
                call_to_action(
                    "Have an idea?",
                    "Submit a Bright Spot",
                    submit,
                    "Tell us about a practice that keeps families safely together.",
                ),
            ]
        if not home.featured_practices.exists():
            practices = PracticePage.objects.filter(
                slug__in=content.FEATURED_PRACTICES
            ).child_of(library)
            by_slug = {practice.slug: practice for practice in practices}
            home.featured_practices = [
                HomePageFeaturedPractice(practice=by_slug[slug], sort_order=order)
                for order, slug in enumerate(content.FEATURED_PRACTICES)
                if slug in by_slug
            ]
        home.save_revision(user=self.author, log_action=True).publish(user=self.author)

    def retire_placeholder_submit_page(self, home):
        """Databases loaded before the form existed hold a plain page at /submit/ that says to email."""
        placeholder = (
            home.get_children().filter(slug="submit").not_type(SubmissionPage).first()
        )
        if placeholder is not None and placeholder.owner_id == self.author.pk:
            self.report("Old “Submit a Bright Spot” page replaced by the form", True)
            placeholder.delete()

    # Snippets

    def ensure_snippets(self):
        for name, slug, description in content.TOPICS:
            topic = Topic.objects.filter(Q(slug=slug) | Q(name=name)).first()
            self.report(f'Topic "{name}"', topic is None)
            if topic is None:
                Topic.objects.create(name=name, slug=slug, description=description)
        for name, slug in content.POPULATIONS:
            population = Population.objects.filter(Q(slug=slug) | Q(name=name)).first()
            self.report(f'Population "{name}"', population is None)
            if population is None:
                Population.objects.create(name=name, slug=slug)
        for name, kind, location in content.ORGANISATIONS:
            _organisation, created = Organisation.objects.get_or_create(
                name=name, defaults={"kind": kind, "location": location}
            )
            self.report(f'Organization "{name}"', created)

    # Practices and their resources

    def parent_partner_fields(self, seed_practice):
        # The seed's first "why" sentence says what the program is for in one line.
        first_sentence = seed_practice["why"][0].split(". ")[0].rstrip(".") + "."
        return {
            **content.PARENT_PARTNER,
            "summary": first_sentence[:300],
            "feedback": seed_practice["feedback"],
            "intervention": seed_practice["intervention"],
            "why": seed_practice["why"],
        }

    def ensure_practice(self, library, fields):
        existing = library.get_children().filter(slug=fields["slug"]).exists()
        self.report(f'Practice "{fields["title"]}"', not existing)
        if existing:
            return
        page = PracticePage(
            title=fields["title"],
            slug=fields["slug"],
            summary=fields["summary"],
            feedback_summary=[
                {"type": "point", "value": point} for point in fields["feedback"]
            ],
            intervention=rich_text(fields["intervention"]),
            why_bright_spot=rich_text(fields["why"]),
            steps=[
                {
                    "type": "step",
                    "value": {"title": title, "detail": rich_text([detail])},
                }
                for title, detail in fields["steps"]
            ],
            county=fields["county"],
            state=fields["state"],
            year_started=fields["year_started"],
            review_outcome=fields["review_outcome"],
        )
        page.organisations = Organisation.objects.filter(
            name__in=fields["organisations"]
        )
        page.partner_agencies = Organisation.objects.filter(
            name__in=fields["partner_agencies"]
        )
        page.topics = Topic.objects.filter(slug__in=fields["topics"])
        page.populations = Population.objects.filter(slug__in=fields["populations"])
        page.resources = [
            PracticeResource(
                document=self.ensure_document(fields["title"], resource),
                title=resource["title"],
                description=resource["description"],
                sort_order=order,
            )
            for order, resource in enumerate(fields["resources"])
        ]
        publish_through_review(library, page, fields, self.users)

    def ensure_document(self, practice_title, resource):
        Document = get_document_model()
        title = resource["title"]
        document = Document.objects.filter(title=title).first()
        self.report(f'Document "{title}"', document is None)
        if document is not None:
            return document
        pdf = make_pdf(practice_title, title, resource["lines"])
        document = Document(
            title=title,
            uploaded_by_user=self.author,
            file=ContentFile(pdf, name=f"{slugify(title)}.pdf"),
        )
        # Record size and hash now, so that serving the file never has to ask the storage for them.
        document._set_document_file_metadata()
        document.save()
        return document
