"""Chinese for the messages argparse prints itself (usage, help, argument errors)."""

from __future__ import annotations

import argparse

from drafter import rx

_PLAIN = {
    "usage: ": "用法：",
    "options": "选项",
    "positional arguments": "参数",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示版本号并退出",
    "expected one argument": "需要一个值",
    "expected at least one argument": "至少需要一个值",
}
_PATTERNS = (
    (rx.compile(r"^the following arguments are required: %s$"), "缺少参数：%s"),
    (rx.compile(r"^unrecognized arguments: %s$"), "不认识的参数：%s"),
    (rx.compile(r"^argument %\(argument_name\)s: %\(message\)s$"), "参数 %(argument_name)s：%(message)s"),
    (rx.compile(r"^invalid %\(type\)s value: %\(value\)r$"), "值 %(value)r 的格式不对（应为 %(type)s）"),
    (rx.compile(r"^invalid choice: %\(value\)r \(choose from %\(choices\)s\)$"), "无效的值 %(value)r，可选：%(choices)s"),
    (rx.compile(r"^%\(prog\)s: error: %\(message\)s\n$"), "%(prog)s：错误：%(message)s\n"),
    (rx.compile(r"^ambiguous option: %\(option\)s could match %\(matches\)s$"), "选项 %(option)s 不明确，可能是：%(matches)s"),
)


def translate(message: str) -> str:
    """The Chinese form of one of argparse's own messages (unchanged when unknown)."""
    if message in _PLAIN:
        return _PLAIN[message]
    for pattern, chinese in _PATTERNS:
        if pattern.match(message):
            return chinese
    return message


def install() -> None:
    """Make argparse speak Chinese (it looks its messages up through ``argparse._``)."""
    argparse._ = translate  # type: ignore[attr-defined]
