"""Short Chinese texts for failures reported by workers (never a traceback on screen)."""

from __future__ import annotations

from drafter.errors import DrafterError


def worker_error_text(error: BaseException | None) -> str:
    """One Chinese sentence for a worker's error."""
    if isinstance(error, DrafterError):
        return error.message
    if isinstance(error, ImportError):
        return "此功能所需的模块尚未安装或不完整，请更新 drafter。"
    if isinstance(error, OSError):
        return f"文件操作失败：{error.strerror or error}。"
    name = type(error).__name__ if error else "未知错误"
    return f"后台任务出错（{name}），请重试；如仍失败请把这句话发给维护人员。"
