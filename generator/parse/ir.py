"""The intermediate representation: what the templates render, with every decision made.

Plain frozen dataclasses built by :mod:`generator.parse.parse` from a validated spec. Templates
read these and decide nothing: names are already Python identifiers, types are already
annotations, and text from the spec is raw (the templates escape it through
:mod:`generator.common.pysource`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..config import GeneratorConfig
from ..errors import Finding  # noqa: F401  (defined at the bottom, in errors.py: validation reports findings too)
from ..models.modsplit import SplitModule
from ..validate.webhook_signing import WebhookSigning


@dataclass(frozen=True)
class Encoding:
    """How a parameter or a form/multipart field is written, when not by default
    (:mod:`generator.parse.paramstyles`, :mod:`generator.parse.requestbodies`)."""

    style: str = "form"  # "form", "simple", "spaceDelimited", "pipeDelimited", "deepObject"
    explode: bool = True
    content_type: str | None = None  # a parameter's `content`, a multipart part's `encoding.contentType`
    allow_reserved: bool = False  # a query parameter's `allowReserved`: reserved characters sent as they are


@dataclass(frozen=True)
class Parameter:
    wire_name: str  # as sent: "createdAtGt"
    name: str  # as a Python keyword argument: "created_at_gt"
    location: str  # "query", "path", "header" or "cookie"
    annotation: str  # e.g. "datetime | str"
    required: bool
    description: str
    default_doc: str | None = None  # the server's default, for the docstring only
    deprecated: bool = False
    encoding: Encoding | None = None  # None: the location's default style


@dataclass(frozen=True)
class BodyField:
    """One keyword argument that becomes a property of a JSON request body."""

    wire_name: str
    name: str
    annotation: str  # includes "| None" only where the spec allows null
    required: bool
    description: str
    encoding: Encoding | None = None  # forms and multipart: the media type's `encoding` entry


@dataclass(frozen=True)
class Body:
    """A request body, flattened into keyword arguments (``fields``), or one ``body`` argument."""

    required: bool
    fields: tuple[BodyField, ...]
    whole_annotation: str | None = None  # set when the body is not an object with properties
    kind: str = "json"  # "json", "form", "multipart", "text" or "binary" (generator.parse.requestbodies)
    media_type: str = "application/json"


@dataclass(frozen=True)
class PageField:
    """A value read from a page (or an item): its Python attribute path and its wire path."""

    python: tuple[str, ...]  # ("meta", "next_cursor")
    wire: str  # "meta.next_cursor", for the docs


@dataclass(frozen=True)
class Pagination:
    """How an ``_all`` iterator walks the pages of an operation (:mod:`generator.parse.pagination`).

    ``style`` is one of :data:`generator.parse.pagination.STYLES`. Which fields are set depends
    on it: a cursor style names the argument the next cursor goes in and where the cursor
    comes from; ``offset`` and ``page`` the argument they count in; ``next-url`` the page's
    field holding the next URL; ``link-header`` nothing more (the URL is in the header).
    """

    style: str
    item_annotation: str  # one item: "Call"
    source: str = "recognised"  # "recognised", "x-pagination" or "config": who said so
    items: PageField | None = None  # the page's item list; None: the page is the list
    page_size_param: str | None = None  # Python name of the page-size argument, if any
    page_size_default: int = 100  # `page_size` of `_all` when the caller gives none
    cursor_param: str | None = None  # Python name of the argument that asks for a later page
    cursor_field: PageField | None = None  # cursor: the page's next cursor; time-cursor: an item's timestamp
    id_field: PageField | None = None  # an item's id (cursor-id: the next cursor; time-cursor: de-duplication)
    has_more_field: PageField | None = None  # a boolean "there are more pages"
    total_field: PageField | None = None  # offset / page: how many items there are in all
    total_pages_field: PageField | None = None  # page: how many pages there are
    next_field: PageField | None = None  # next-url: the page's field holding the next page's URL
    first_page: int = 1  # page: the number of the first page


@dataclass(frozen=True)
class Events:
    """A ``text/event-stream`` answer: ``Stream[item]``; ``by_event`` names the model of each ``event:``."""

    item: str
    by_event: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Response:
    """How a successful answer is read (decided by :mod:`generator.parse.responses`)."""

    kind: str  # "json", "text", "binary", "events" or "empty"
    accept: str  # the Accept header the request sends
    events: Events | None = None  # set for "events", and when ``stream_flag`` switches to them
    stream_flag: str | None = None  # the boolean body argument whose True answers events


@dataclass(frozen=True)
class Credential:
    """One constructor argument that carries a secret (:mod:`generator.parse.security`)."""

    name: str  # the keyword argument: "api_key", "username", "client_id"
    env: str  # the environment variable read when it is not given: "PETS_API_KEY"
    annotation: str  # "str | None", or "str | Callable[[], str] | None" for an access token
    description: str  # for the docs: what it is and which scheme uses it
    role: str = ""  # what it is to its scheme: "api_key", "username", "password", "client_id", "client_secret", "access_token"


@dataclass(frozen=True)
class SecurityScheme:
    """A usable entry of ``components/securitySchemes``; ``credentials`` name its arguments."""

    key: str  # the spec's name for it
    kind: str  # "bearer" (http bearer, openIdConnect), "basic", "api_key" or "oauth2"
    credentials: tuple[Credential, ...]
    location: str = ""  # api_key: "header", "query" or "cookie"
    parameter: str = ""  # api_key: the header, query parameter or cookie name
    token_url: str = ""  # oauth2 clientCredentials: where tokens come from ("" without that flow)
    scopes: tuple[str, ...] = ()  # oauth2: the scopes the spec's requirements ask for
    description: str = ""


@dataclass(frozen=True)
class ServerVariable:
    """A ``{variable}`` of the servers' URLs: a constructor argument (an enum is a ``Literal``)."""

    name: str  # the keyword argument
    wire_name: str  # as in the URL template
    annotation: str
    default: str
    description: str


@dataclass(frozen=True)
class Environment:
    """One root ``servers`` entry, chosen by ``environment=``; the first is the default."""

    name: str
    url: str  # the URL template, variables as in the spec
    description: str
    defaults: tuple[tuple[str, str], ...] = ()  # (wire name, default) of this server's variables


@dataclass(frozen=True)
class OwnServer:
    """A server some paths or operations have of their own, named for the ``servers=`` argument."""

    name: str
    url: str  # as operations use it: ``Operation.server``
    alternatives: tuple[str, ...] = ()  # the other servers the spec lists beside it
    description: str = ""


@dataclass(frozen=True)
class Operation:
    name: str  # method name: "list"
    http_method: str  # "GET"
    path: str  # "/call/{id}"
    operation_id: str
    summary: str
    description: str
    parameters: tuple[Parameter, ...]
    return_annotation: str  # "list[Call]", or "None" for no content
    deprecated: bool = False
    pagination: Pagination | None = None
    body: Body | None = None
    response: Response = Response(kind="json", accept="application/json")
    security: tuple[tuple[str, ...], ...] | None = None  # alternatives of scheme keys; None: the API's default
    server: str | None = None  # the path's or operation's own server URL (variables at their defaults)

    @property
    def path_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "path")

    @property
    def query_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "query")

    @property
    def header_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "header")

    @property
    def cookie_parameters(self) -> tuple[Parameter, ...]:
        return tuple(p for p in self.parameters if p.location == "cookie")

    @property
    def signature_parameters(self) -> tuple[Parameter, ...]:
        """Required arguments first (path ones positional), then the optional ones."""
        return tuple(sorted(self.parameters, key=lambda p: (not p.required, p.location != "path")))


@dataclass(frozen=True)
class Resource:
    name: str  # attribute on the client: "calls"
    module: str  # module under resources/: "calls"
    class_name: str  # "Calls"
    description: str
    operations: tuple[Operation, ...]
    model_imports: tuple[str, ...]  # names imported from the models module


@dataclass(frozen=True)
class ModelField:
    name: str
    wire_name: str
    annotation: str
    required: bool
    default: str | None  # a Python literal, when the schema has a default


@dataclass(frozen=True)
class Model:
    class_name: str
    kind: str  # "model", "enum" or "union"
    description: str
    fields: tuple[ModelField, ...] = ()  # models
    enum_values: tuple[str, ...] = ()  # enums: the wire values
    variants: tuple[str, ...] = ()  # tagged unions (kind "union"): the tag property, then the variant classes


@dataclass(frozen=True)
class WebhookEvent:
    """One webhook of the spec: a request the API sends, whose body is ``model``."""

    name: str  # the webhook's key in the spec: "end-of-call-report"
    model: str  # the class its body parses into
    tags: tuple[str, ...]  # the tag values (as JSON text) that name it; () when the events are untagged
    summary: str
    description: str
    method: str = "POST"


@dataclass(frozen=True)
class Webhooks:
    """The spec's webhooks (generator/parse/webhooks.py): ``client.<accessor>.unwrap()`` parses
    a request body into ``union`` (the events' tagged union, with an open fallback)."""

    events: tuple[WebhookEvent, ...]
    tag_path: tuple[str, ...]  # the discriminating property (``("message", "type")``); () = variants tried in order
    union: str  # the union's type alias in the models package: "WebhookEvent"
    union_module: str  # its module there: "webhook_event"
    accessor: str  # the client attribute: "webhooks"
    class_name: str  # the resource class: "Webhooks"
    secret_env: str  # the environment variable unwrap()/verify() read the secret from
    signing: WebhookSigning | None = None  # the config's signature scheme; None: unwrap() only


@dataclass(frozen=True)
class Api:
    config: GeneratorConfig
    title: str
    description: str
    api_version: str
    base_url: str
    resources: tuple[Resource, ...]
    models: tuple[Model, ...]
    model_modules: tuple[SplitModule, ...]  # the models package's modules (datamodel-code-generator's text)
    warnings: tuple[Finding, ...] = field(default=())
    webhooks: Webhooks | None = None  # the spec's webhooks, when it has any that parse
    security_schemes: tuple[SecurityScheme, ...] = ()
    default_security: tuple[tuple[str, ...], ...] = ()  # the root `security`, usable schemes only
    required_credentials: tuple[str, ...] = ()  # needed by every operation: the client asks for them at construction
    environments: tuple[Environment, ...] = ()  # the root servers, when there are several or they have variables
    server_variables: tuple[ServerVariable, ...] = ()
    own_servers: tuple[OwnServer, ...] = ()  # the paths' and operations' own servers, named
