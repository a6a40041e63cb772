"""Conformance of `workplan lsp` to the LSP specification, through pytest-lsp.

pytest-lsp's client structures every response into the lsprotocol types of the spec (a
missing required field, a wrong type or an unknown enum value fails the request) and checks
some results and server requests against the client's capabilities. Each test runs once per
captured client: VS Code 1.65, Neovim 0.7 and 0.11, Emacs 29 (the capabilities those editors
really send, shipped with pytest-lsp). On top of pytest-lsp's own checks, `check_*` below
assert what the spec makes conditional on a client capability: the position encoding, hover
formats, hierarchical symbols, code-action literals, diagnostic related information and
code descriptions, and workspace/configuration.

The tests: `test_initialize` (encoding, capabilities, dynamic registration only where
allowed), `test_draft_features` (diagnostics, documentSymbol, foldingRange, a quick fix per
finding, fix-all, formatting, hover, references, workspace/symbol, `workplan.targets`, an
incremental edit, didClose), `test_markdown_draft`, `test_settings_and_odd_requests`
(didChangeConfiguration; requests on unopened documents and past the end), and
`test_exits_with_configuration_request_unanswered` (raw stdio).

Known deviations of the server that are reported but not yet fixed would be listed in
KNOWN_DEVIATIONS (warnings, not failures); there are none now.

    WORKPLAN_BIN=target/debug/workplan .tools/venv/bin/python -m pytest tests/e2e/pytest_lsp

Every wait is bounded (`TIMEOUT`); LspSpecificationWarning is an error (pytest.ini).
"""

from __future__ import annotations

import asyncio
import json
import os
import pathlib
import shutil
import subprocess
import tempfile
import threading
import time
import warnings

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[3]
SERVER = os.environ.get("WORKPLAN_BIN") or str(ROOT / "target" / "debug" / "workplan")
FIXTURES = ROOT / "tests" / "fixtures" / "e2e"
TIMEOUT = 10.0

CLIENTS = [
    "visual-studio-code@v1.65.2",
    "neovim@v0.7.0",
    "neovim@v0.11.0",
    "emacs@v29.1",
]

DRAFT = "科技创新工作计划.txt"  # a copy of tests/fixtures/e2e/targets.txt
MARKDOWN = "要点.md"  # tests/fixtures/e2e/plan.md
UNOPENED = "另一份草稿.txt"  # tests/fixtures/e2e/draft.txt, never opened: only on disk
INDICATOR = "高新技术企业"


async def bounded(awaitable, what: str):
    try:
        return await asyncio.wait_for(awaitable, TIMEOUT)
    except asyncio.TimeoutError:
        pytest.fail(f"{what}: no answer within {TIMEOUT} s")


class Session:
    """A client with the capabilities of one editor, connected to the server."""

    def __init__(self, client: LanguageClient, spec: str, folder: pathlib.Path, result: types.InitializeResult):
        self.client = client
        self.spec = spec
        self.folder = folder
        self.result = result
        self.caps = client.capabilities
        self.server_caps = result.capabilities
        self.registrations: list[types.RegistrationParams] = []

    def uri(self, name: str) -> str:
        return (self.folder / name).as_uri()

    @property
    def encoding(self) -> str:
        return self.server_caps.position_encoding or types.PositionEncodingKind.Utf16

    def position(self, name: str, line: int, char_index: int) -> types.Position:
        """The position of the `char_index`-th character of `line` in the negotiated encoding."""
        text = (self.folder / name).read_text(encoding="utf-8").split("\n")[line][:char_index]
        if self.encoding == types.PositionEncodingKind.Utf8:
            col = len(text.encode("utf-8"))
        elif self.encoding == types.PositionEncodingKind.Utf32:
            col = len(text)
        else:
            col = len(text.encode("utf-16-le")) // 2
        return types.Position(line=line, character=col)

    def find(self, name: str, needle: str) -> types.Position:
        for i, line in enumerate((self.folder / name).read_text(encoding="utf-8").split("\n")):
            if needle in line:
                return self.position(name, i, line.index(needle))
        raise AssertionError(f"{needle} not in {name}")

    async def open(self, name: str, language_id: str) -> list[types.Diagnostic]:
        uri = self.uri(name)
        text = (self.folder / name).read_text(encoding="utf-8")
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(uri=uri, language_id=language_id, version=1, text=text)
            )
        )
        return await self.diagnostics(uri, lambda ds: True, f"diagnostics for {name}")

    async def diagnostics(self, uri: str, ready, what: str) -> list[types.Diagnostic]:
        async def wait():
            while uri not in self.client.diagnostics or not ready(self.client.diagnostics[uri]):
                await asyncio.sleep(0.02)
            return list(self.client.diagnostics[uri])

        return await bounded(wait(), what)


@pytest_lsp.fixture(
    params=CLIENTS,
    config=ClientServerConfig(server_command=[SERVER, "lsp"], server_env={**os.environ, "WORKPLAN_LOG": "warn"}),
)
async def client(request, lsp_client: LanguageClient):
    """The server, initialized by a client with the capabilities of `request.param`."""
    spec = request.param
    folder = pathlib.Path(tempfile.mkdtemp(prefix="workplan-pytest-lsp-"))
    shutil.copy(FIXTURES / "targets.txt", folder / DRAFT)
    shutil.copy(FIXTURES / "plan.md", folder / MARKDOWN)
    shutil.copy(FIXTURES / "draft.txt", folder / UNOPENED)
    (folder / "workplan.toml").write_text('[rules]\n"numbering.mixed-style" = "warning"\n', encoding="utf-8")

    registrations: list[types.RegistrationParams] = []

    # pytest-lsp's client does not answer client/registerCapability by itself.
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: types.RegistrationParams):
        registrations.append(params)
        return None

    # Answered by pytest-lsp, which also fails the test (LspSpecificationWarning) if the server
    # asks a client that does not support workspace/configuration.
    lsp_client.set_configuration({"rules": {"unit.space": "off"}, "rangeStyle": "~"}, section="workplan")

    result = await bounded(
        lsp_client.initialize_session(
            types.InitializeParams(
                capabilities=client_capabilities(spec),
                root_uri=folder.as_uri(),
                workspace_folders=[types.WorkspaceFolder(uri=folder.as_uri(), name=folder.name)],
                client_info=types.ClientInfo(name=spec.split("@")[0], version=spec.split("@")[1]),
            )
        ),
        "initialize",
    )
    lsp_client.workplan_session = Session(lsp_client, spec, folder, result)
    lsp_client.workplan_session.registrations = registrations
    yield
    await bounded(lsp_client.shutdown_session(), "shutdown")
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def session(client: LanguageClient) -> Session:
    return client.workplan_session


# --- checks of what the spec makes conditional on the client's capabilities ---------------

# Deviations of the server from the client's capabilities that are known and reported; each
# is a warning (ServerDeviation) instead of a failure until the server is fixed. Empty this
# set to make them failures again.
KNOWN_DEVIATIONS: set[str] = set()


class ServerDeviation(UserWarning):
    """The server sent something the client's capabilities do not allow (a known, reported bug)."""


def deviation(kind: str, ok: bool, message: str):
    if ok:
        return
    if kind in KNOWN_DEVIATIONS:
        warnings.warn(message, ServerDeviation, stacklevel=2)
    else:
        raise AssertionError(message)



def check_encoding(s: Session):
    general = s.caps.general
    offered = list(general.position_encodings) if general and general.position_encodings else []
    chosen = s.server_caps.position_encoding
    if offered:
        assert chosen in offered, f"{s.spec}: server chose {chosen}, client offered {offered}"
        if types.PositionEncodingKind.Utf8 in offered:
            assert chosen == types.PositionEncodingKind.Utf8, f"{s.spec}: utf-8 was offered, server chose {chosen}"
    else:
        assert chosen in (None, types.PositionEncodingKind.Utf16), f"{s.spec}: no encodings offered, server chose {chosen}"


def check_diagnostics(s: Session, diagnostics: list[types.Diagnostic]):
    pd = s.caps.text_document.publish_diagnostics if s.caps.text_document else None
    for d in diagnostics:
        assert d.source == "workplan", d
        assert isinstance(d.code, str) and "." in d.code, f"diagnostic without a rule code: {d}"
        assert d.severity in (
            types.DiagnosticSeverity.Error,
            types.DiagnosticSeverity.Warning,
            types.DiagnosticSeverity.Information,
            types.DiagnosticSeverity.Hint,
        ), d
        if d.related_information:
            deviation(
                "relatedInformation",
                bool(pd and pd.related_information),
                f"{s.spec}: relatedInformation sent to a client without support: {d.code}",
            )
        if d.code_description:
            deviation(
                "codeDescription",
                bool(pd and pd.code_description_support),
                f"{s.spec}: codeDescription sent to a client without support: {d.code}",
            )
        if d.tags:
            supported = pd.tag_support.value_set if pd and pd.tag_support else []
            assert all(t in supported for t in d.tags), f"{s.spec}: diagnostic tags {d.tags} not in {supported}"


def check_hover(s: Session, hover: types.Hover):
    formats = s.caps.text_document.hover.content_format if s.caps.text_document and s.caps.text_document.hover else None
    formats = formats or [types.MarkupKind.PlainText]
    if isinstance(hover.contents, types.MarkupContent):
        assert hover.contents.kind in formats, f"{s.spec}: hover in {hover.contents.kind}, client takes {formats}"


def check_symbols(s: Session, symbols):
    ds = s.caps.text_document.document_symbol if s.caps.text_document else None
    hierarchical = bool(ds and ds.hierarchical_document_symbol_support)
    if symbols and isinstance(symbols[0], types.DocumentSymbol):
        assert hierarchical, f"{s.spec}: DocumentSymbol[] sent to a client without hierarchicalDocumentSymbolSupport"

        def walk(sym: types.DocumentSymbol):
            r, sel = sym.range, sym.selection_range
            assert (r.start.line, r.start.character) <= (sel.start.line, sel.start.character), sym.name
            assert (sel.end.line, sel.end.character) <= (r.end.line, r.end.character), sym.name
            for c in sym.children or []:
                walk(c)

        for sym in symbols:
            walk(sym)


def check_code_actions(s: Session, actions):
    ca = s.caps.text_document.code_action if s.caps.text_document else None
    literal = bool(ca and ca.code_action_literal_support)
    for a in actions or []:
        if isinstance(a, types.CodeAction):
            assert literal, f"{s.spec}: CodeAction literal sent to a client without codeActionLiteralSupport"
            if a.edit and a.edit.document_changes:
                we = s.caps.workspace.workspace_edit if s.caps.workspace else None
                assert we and we.document_changes, f"{s.spec}: documentChanges sent to a client without support ({a.title})"
                for change in a.edit.document_changes:
                    if isinstance(change, (types.CreateFile, types.RenameFile, types.DeleteFile)):
                        ops = we.resource_operations or []
                        assert change.kind in ops, f"{s.spec}: {change.kind} file operation, client supports {ops}"


# --- tests ----------------------------------------------------------------------------------


async def test_initialize(session: Session):
    s = session
    check_encoding(s)
    caps = s.server_caps
    assert s.result.server_info and s.result.server_info.name == "workplan"
    assert caps.document_symbol_provider and caps.folding_range_provider and caps.code_action_provider
    sync = caps.text_document_sync
    assert isinstance(sync, types.TextDocumentSyncOptions) and sync.change == types.TextDocumentSyncKind.Incremental
    # Dynamic registration only where the client allows it.
    ws = s.caps.workspace
    watch_dynamic = bool(ws and ws.did_change_watched_files and ws.did_change_watched_files.dynamic_registration)
    await asyncio.sleep(0.3)
    if not watch_dynamic:
        assert not s.registrations, f"{s.spec}: registerCapability to a client without dynamic registration"
    for r in s.registrations:
        for reg in r.registrations:
            assert reg.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES, reg


async def test_draft_features(session: Session):
    s = session
    uri = s.uri(DRAFT)
    diagnostics = await s.open(DRAFT, "plaintext")
    check_diagnostics(s, diagnostics)
    codes = sorted(d.code for d in diagnostics)
    assert codes == ["numbering.gap", "numbering.marker-style", "target.conflict"], codes
    doc = types.TextDocumentIdentifier(uri=uri)

    symbols = await bounded(
        s.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc)), "documentSymbol"
    )
    assert symbols, "no symbols"
    check_symbols(s, symbols)
    assert [sym.name[:2] for sym in symbols] == ["一、", "二、", "四、"], [sym.name for sym in symbols]

    folds = await bounded(
        s.client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc)), "foldingRange"
    )
    assert folds, "no folding ranges"
    for f in folds:
        assert f.start_line <= f.end_line

    # A quick fix for every finding, and fix-all over the whole draft.
    for d in diagnostics:
        actions = await bounded(
            s.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=doc,
                    range=d.range,
                    context=types.CodeActionContext(diagnostics=[d], only=[types.CodeActionKind.QuickFix]),
                )
            ),
            f"codeAction for {d.code}",
        )
        check_code_actions(s, actions)
        if d.code == "numbering.marker-style":
            titles = [a.title for a in actions or []]
            assert any("（二）" in t for t in titles), titles
    whole = types.Range(start=types.Position(line=0, character=0), end=types.Position(line=11, character=0))
    fix_all = await bounded(
        s.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=doc,
                range=whole,
                context=types.CodeActionContext(diagnostics=[], only=["source.fixAll.workplan"]),
            )
        ),
        "codeAction source.fixAll.workplan",
    )
    check_code_actions(s, fix_all)

    edits = await bounded(
        s.client.text_document_formatting_async(
            types.DocumentFormattingParams(text_document=doc, options=types.FormattingOptions(tab_size=4, insert_spaces=True))
        ),
        "formatting",
    )
    assert edits, "formatting should fix （二）、"

    if s.server_caps.hover_provider:
        at = s.find(DRAFT, INDICATOR)
        hover = await bounded(
            s.client.text_document_hover_async(types.HoverParams(text_document=doc, position=at)), "hover on an indicator"
        )
        assert hover is not None, "no hover over the indicator"
        check_hover(s, hover)
        text = hover.contents.value if isinstance(hover.contents, types.MarkupContent) else str(hover.contents)
        assert INDICATOR in text and "200家以上" in text and "180家" in text, text
        # On a quantity, and on the blank line (null is fine).
        for where, pos in (("a quantity", s.find(DRAFT, "15%")), ("a blank line", types.Position(line=1, character=0))):
            h = await bounded(
                s.client.text_document_hover_async(types.HoverParams(text_document=doc, position=pos)), f"hover on {where}"
            )
            if h is not None:
                check_hover(s, h)

    if s.server_caps.references_provider:
        refs = await bounded(
            s.client.text_document_references_async(
                types.ReferenceParams(
                    text_document=doc,
                    position=s.find(DRAFT, INDICATOR),
                    context=types.ReferenceContext(include_declaration=True),
                )
            ),
            "references",
        )
        assert refs and len(refs) >= 2, refs

    if s.server_caps.workspace_symbol_provider:
        for query in ("", "高新", "四、"):
            found = await bounded(
                s.client.workspace_symbol_async(types.WorkspaceSymbolParams(query=query)), f"workspace/symbol {query!r}"
            )
            assert found is not None

    commands = s.server_caps.execute_command_provider.commands if s.server_caps.execute_command_provider else []
    if "workplan.targets" in commands:
        for args in ([uri], []):
            table = await bounded(
                s.client.workspace_execute_command_async(types.ExecuteCommandParams(command="workplan.targets", arguments=args)),
                f"workplan.targets {args}",
            )
            assert isinstance(table, list) and table, table
            for row in table:
                for key in ("path", "line", "column", "indicator", "kind", "modality", "qualifier", "value",
                            "unit", "base_value", "base_unit", "period", "text"):
                    assert key in row, f"workplan.targets row without {key}: {row}"
            assert any(r["indicator"] == INDICATOR and r["value"] == "180" for r in table), table

    # An incremental edit: `（二）、` → `（二）` clears the marker finding.
    line = next(i for i, l in enumerate((s.folder / DRAFT).read_text(encoding="utf-8").split("\n")) if l.startswith("（二）、"))
    start = s.position(DRAFT, line, 3)
    end = s.position(DRAFT, line, 4)
    s.client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=start, end=end), text="")],
        )
    )
    after = await s.diagnostics(
        uri, lambda ds: not any(d.code == "numbering.marker-style" for d in ds), "diagnostics after the edit"
    )
    check_diagnostics(s, after)
    assert sorted(d.code for d in after) == ["numbering.gap", "target.conflict"], [d.code for d in after]

    s.client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=doc))
    await s.diagnostics(uri, lambda ds: len(ds) == 0, "empty diagnostics after didClose")


async def test_markdown_draft(session: Session):
    s = session
    diagnostics = await s.open(MARKDOWN, "markdown")
    check_diagnostics(s, diagnostics)
    doc = types.TextDocumentIdentifier(uri=s.uri(MARKDOWN))
    symbols = await bounded(
        s.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=doc)), "documentSymbol (md)"
    )
    check_symbols(s, symbols)
    names: list[str] = []

    def walk(syms):
        for x in syms or []:
            names.append(x.name)
            walk(x.children)

    walk(symbols)
    for marker in ("一、", "二、", "（一）", "（二）", "三、"):
        assert any(n.startswith(marker) for n in names), (marker, names)
    assert any(d.code == "punct.halfwidth" for d in diagnostics), [d.code for d in diagnostics]
    folds = await bounded(
        s.client.text_document_folding_range_async(types.FoldingRangeParams(text_document=doc)), "foldingRange (md)"
    )
    assert folds is not None


async def test_settings_and_odd_requests(session: Session):
    """didChangeConfiguration and requests on documents that are not open: answered, not fatal."""
    s = session
    # The client's settings change (what it answers to workspace/configuration from now on),
    # and it says so.
    settings = {"rules": {"numbering.gap": "off"}, "rangeStyle": "—"}
    s.client.set_configuration(settings, section="workplan")
    s.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"workplan": settings}))
    diagnostics = await s.open(DRAFT, "plaintext")
    uri = s.uri(DRAFT)
    after = await s.diagnostics(uri, lambda ds: not any(d.code == "numbering.gap" for d in ds), "numbering.gap turned off")
    check_diagnostics(s, after + diagnostics)

    missing = types.TextDocumentIdentifier(uri=s.uri("not-open.txt"))
    symbols = await bounded(
        s.client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=missing)),
        "documentSymbol of a document that is not open",
    )
    assert not symbols
    if s.server_caps.hover_provider:
        await bounded(
            s.client.text_document_hover_async(
                types.HoverParams(text_document=missing, position=types.Position(line=0, character=0))
            ),
            "hover in a document that is not open",
        )
    # A position far past the end of the draft.
    far = types.Position(line=10_000, character=10_000)
    if s.server_caps.hover_provider:
        await bounded(
            s.client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=far)),
            "hover past the end",
        )
    await bounded(
        s.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=far, end=far),
                context=types.CodeActionContext(diagnostics=[]),
            )
        ),
        "codeAction past the end",
    )


# --- exit while a server→client request is pending ------------------------------------------


def _frame(msg: dict) -> bytes:
    body = json.dumps(msg).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _read_messages(stream, out: list):
    """Reads LSP frames from `stream` into `out` until EOF (a reader thread)."""
    while True:
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            c = stream.read(1)
            if not c:
                return
            header += c
        length = int(header.split(b"Content-Length:")[1].split(b"\r\n")[0])
        out.append(json.loads(stream.read(length)))


@pytest.mark.parametrize("ending", ["shutdown-exit", "stdin-closed"])
def test_exits_with_configuration_request_unanswered(ending: str):
    """A client that supports workspace/configuration but never answers (it hangs, or dies):
    the server must still go on `exit`, and when its stdin closes."""
    proc = subprocess.Popen([SERVER, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    received: list = []
    threading.Thread(target=_read_messages, args=(proc.stdout, received), daemon=True).start()

    def wait_for(pred, what: str):
        deadline = time.time() + 5
        while not any(pred(m) for m in received):
            if time.time() > deadline:
                pytest.fail(f"no {what} within 5 s; received {received}")
            time.sleep(0.02)

    try:
        caps = {"workspace": {"configuration": True}}
        proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                                 "params": {"processId": None, "rootUri": None, "capabilities": caps}}))
        proc.stdin.flush()
        wait_for(lambda m: m.get("id") == 1 and "result" in m, "initialize result")
        proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "initialized", "params": {}}))
        proc.stdin.flush()
        # The server asks for the settings; this client never answers.
        wait_for(lambda m: m.get("method") == "workspace/configuration", "workspace/configuration request")
        if ending == "shutdown-exit":
            proc.stdin.write(_frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}))
            proc.stdin.write(_frame({"jsonrpc": "2.0", "method": "exit"}))
            proc.stdin.flush()
        proc.stdin.close()
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            pytest.fail(f"the server was still running 3 s after {ending}")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
