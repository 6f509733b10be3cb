"""Reusable widgets of the counter: form dialogs and fields that check as you type."""
