"""The one error a fetch raises: which URL, what happened, in one line.

Examples
--------
>>> str(FetchError("https://example.org/a.csv", "HTTP 404 Not Found", status=404))
'https://example.org/a.csv: HTTP 404 Not Found'
"""
from __future__ import annotations

from ecosystem.errors import EcosystemError

__all__ = ["FetchError"]


class FetchError(EcosystemError):
    """A download or an API call failed; the message names the URL and the status.

    Parameters
    ----------
    url : str
        The URL asked for.
    reason : str
        What went wrong, in words (``HTTP 429 Too Many Requests``, ``connection refused``).
    status : int, optional
        The HTTP status, when the server answered.
    hint : str, optional
        What the reader can do, appended after ``; ``.
    lead : str, optional
        What the failure means for the reader, put first (the URL and reason follow
        in brackets).
    """

    def __init__(self, url: str, reason: str, *, status: int | None = None,
                 hint: str | None = None, lead: str | None = None):
        self.url = url
        self.reason = reason
        self.status = status
        self.hint = hint
        self.lead = lead
        super().__init__(self.__str__())

    def __str__(self) -> str:
        text = f"{self.url}: {self.reason}"
        if self.lead:
            return f"{self.lead} (fetching failed: {text})"
        return f"{text}; {self.hint}" if self.hint else text

    def with_hint(self, hint: str) -> FetchError:
        """The same failure with ``hint`` (what to do) added to the message.

        >>> str(FetchError("http://x", "connection refused").with_hint("try later"))
        'http://x: connection refused; try later'
        """
        return FetchError(self.url, self.reason, status=self.status, hint=hint)

    def led_by(self, lead: str) -> FetchError:
        """The same failure, its message led by what it means for the reader.

        >>> str(FetchError("http://x", "connection refused").led_by("no data here"))
        'no data here (fetching failed: http://x: connection refused)'
        """
        return FetchError(self.url, self.reason, status=self.status, lead=lead)
