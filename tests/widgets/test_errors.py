import ipywidgets as widgets
from wagekit.widgets import Alert, shows_errors


def _failing_button():
    alert, button = Alert(), widgets.Button(description="保存", icon="save")

    @shows_errors(alert, button=button)
    def on_click(_button):
        raise ValueError("缺少截止日期")

    button.on_click(on_click)
    return alert, button


def test_exception_in_callback_is_shown_in_alert():
    """A failing callback puts its message into a visible error alert."""
    alert, button = _failing_button()
    button.click()
    assert alert.kind == "error"
    assert "操作未完成：缺少截止日期" in alert.value
    assert alert.layout.display is None
    assert isinstance(alert.last_error, ValueError)


def test_button_is_enabled_again_after_failure():
    """The button comes back, with its own icon, after a failure."""
    alert, button = _failing_button()
    button.click()
    assert not button.disabled and button.icon == "save"


def test_nothing_reaches_stderr(capsys):
    """The error is on screen only, never on stderr (Voila shows stderr as a red box)."""
    _alert, button = _failing_button()
    button.click()
    assert capsys.readouterr().err == ""


def test_button_disabled_and_busy_while_running():
    """While the callback runs its button is disabled and the alert says it is working."""
    alert, button = Alert(), widgets.Button()
    seen = {}

    @shows_errors(alert, button=button, busy="正在保存……")
    def on_click(_button):
        seen.update(disabled=button.disabled, message=alert.message)

    button.on_click(on_click)
    button.click()
    assert seen == {"disabled": True, "message": "正在保存……"}
    assert alert.kind == "" and alert.layout.display == "none"


def test_returned_text_is_shown_as_success():
    """A callback returning a sentence shows it as success."""
    alert = Alert()

    @shows_errors(alert)
    def save():
        return "已保存 3 条记录"

    save()
    assert alert.kind == "success" and alert.message == "已保存 3 条记录"


def test_method_callbacks_name_their_widgets():
    """On methods, alert and button may be attribute names of self."""

    class Form:
        def __init__(self):
            self.w_alert, self.w_save = Alert(), widgets.Button()

        @shows_errors("w_alert", button="w_save")
        def _on_save_click(self, _button):
            raise RuntimeError("数据库不可用")

    form = Form()
    form._on_save_click(form.w_save)
    assert form.w_alert.message == "操作未完成：数据库不可用"
