"""Page types of the demo portal. Item pages use GovInfoPageMixin like any site would."""

from django.core.paginator import Paginator
from django.db import models
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from wagtail_gov_review.listing import exclude_unlisted
from wagtail_gov_review.models import GovInfoPageMixin


class HomePage(Page):
    intro = RichTextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.ColumnIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = "首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["columns"] = self.get_children().live().specific()
        context["latest"] = public_items().order_by("-first_published_at")[:10]
        return context


class ColumnIndexPage(Page):
    """A column (栏目); its review settings live in the plugin's Column snippet."""

    intro = RichTextField("栏目说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage", "portal.ColumnIndexPage"]
    subpage_types = [
        "portal.ColumnIndexPage",
        "portal.NewsPage",
        "portal.NoticePage",
        "portal.PolicyDocumentPage",
        "portal.PolicyInterpretationPage",
        "portal.ReprintPage",
    ]

    class Meta:
        verbose_name = "栏目"

    items_per_page = 20

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = public_items().descendant_of(self).order_by("-first_published_at", "-pk")
        # A column holds thousands of items on a real portal: one page of them at a time.
        context["items"] = Paginator(items, self.items_per_page).get_page(request.GET.get("p"))
        return context


def public_items():
    """Live, public items in listings: on-request and undisclosed items are left out."""
    return exclude_unlisted(Page.objects.live().public().type(GovInfoPageMixin)).specific()


class ItemPage(GovInfoPageMixin, Page):
    """Fields shared by all item types; abstract so each type has its own table.

    Each type's ``content_panels`` ends with ``GovInfoPageMixin.gov_review_panels``: 公开属性,
    来源 and the review declarations sit under the text, where editors see them (not on 设置).
    """

    publish_date_note = models.CharField("稿件日期说明", max_length=100, blank=True)

    template = "portal/item_page.html"
    parent_page_types = ["portal.ColumnIndexPage"]
    subpage_types = []

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        # Wagtail gives each concrete subclass its own default template name; all item types
        # share one template here.
        return "portal/item_page.html"


class NewsPage(ItemPage):
    body = StreamField(
        [
            ("paragraph", blocks.RichTextBlock(label="段落")),
            ("quote", blocks.BlockQuoteBlock(label="引文")),
            (
                "figure",
                blocks.StructBlock(
                    [
                        ("caption", blocks.CharBlock(label="图片说明")),
                        ("credit", blocks.CharBlock(label="摄影", required=False)),
                    ],
                    label="图片说明",
                ),
            ),
            ("image", ImageBlock(label="图片")),
            (
                "attachments",
                blocks.ListBlock(
                    blocks.StructBlock(
                        [
                            ("document", DocumentChooserBlock(label="文件")),
                            ("note", blocks.CharBlock(label="说明", required=False)),
                        ]
                    ),
                    label="附件",
                ),
            ),
        ],
        verbose_name="正文",
        blank=True,
    )

    content_panels = Page.content_panels + [FieldPanel("body"), *GovInfoPageMixin.gov_review_panels]

    class Meta:
        verbose_name = "新闻动态"


class NoticePage(ItemPage):
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("body"), *GovInfoPageMixin.gov_review_panels]

    class Meta:
        verbose_name = "通知公告"


class PolicyDocumentPage(ItemPage):
    document_number = models.CharField("文号", max_length=100, blank=True)
    index_number = models.CharField("索引号", max_length=100, blank=True)
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("document_number"),
        FieldPanel("index_number"),
        FieldPanel("body"),
        *GovInfoPageMixin.gov_review_panels,
    ]

    class Meta:
        verbose_name = "政策文件"


class PolicyInterpretationPage(ItemPage):
    policy = models.ForeignKey(
        "portal.PolicyDocumentPage",
        verbose_name="所解读的政策文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interpretations",
    )
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("policy"),
        FieldPanel("body"),
        *GovInfoPageMixin.gov_review_panels,
    ]

    class Meta:
        verbose_name = "政策解读"


class ReprintPage(ItemPage):
    body = RichTextField("正文", blank=True)

    content_panels = Page.content_panels + [FieldPanel("body"), *GovInfoPageMixin.gov_review_panels]

    class Meta:
        verbose_name = "转载信息"


@register_setting(icon="site")
class PortalIdentity(BaseSiteSetting):
    """The identifiers every government website shows in its footer (国办发〔2017〕47号
    《政府网站发展指引》: 网站标识码, ICP 备案编号, 公安机关备案号, 主办/承办单位)."""

    site_code = models.CharField("网站标识码", max_length=20, blank=True)
    icp_number = models.CharField("ICP备案编号", max_length=50, blank=True)
    police_number = models.CharField("公安机关备案号", max_length=50, blank=True)
    sponsor = models.CharField("主办单位", max_length=100, blank=True)
    organizer = models.CharField("承办单位", max_length=100, blank=True)
    contact = models.CharField("联系方式", max_length=100, blank=True)

    class Meta:
        verbose_name = "网站标识"
