#!/usr/bin/env python3
# -*- coding: utf-8 -*-
r"""Module docstring with a raw prefix.

It mentions # not-a-comment and ''' quotes.
"""
import re

PATTERN = re.compile(r"#\d+")  # a real trailing comment
URL = "http://example.com/#anchor"
TEMPLATE = '''
# this line is inside a string, so it is code
'''


@decorator
class Parser(object):
    'Single-quoted class docstring.'

    def parse(self, text):
        """Parse text.

        Blank line above stays blank.
        """
        x = f"""{text}"""
        return x

    async def fetch(self): """One-line async docstring."""

    def not_doc(self):
        value = 1
        """After a statement: just an expression, so code."""
        return value


def joined(a,
           b):
    """Docstring after a multi-line header."""
    return a + \
        b
