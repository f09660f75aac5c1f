"""HEAD answered wherever GET is (RFC 9110 §9.3.2): the GET response's status and headers, no body.

FastAPI routes answer only the methods they declare, so a HEAD (link checkers, monitoring,
`curl -I`) got 405. Declaring HEAD on every route would double the operations of the OpenAPI
document; this middleware instead runs a HEAD as a GET and drops the body on the way out.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HeadAsGet:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def send_without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, send_without_body)
