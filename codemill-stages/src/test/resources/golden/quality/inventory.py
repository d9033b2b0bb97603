#!/usr/bin/env python3
"""Inventory helpers: load stock levels and reorder what runs low."""
import json


def load_stock(path):
    """Read a JSON file of {sku: count}."""
    with open(path) as f:
        return json.load(f)


def reorder(stock, threshold, supplier, currency, priority, notes, dry_run):
    orders = []
    for sku, count in stock.items():
        if count < threshold:
            if supplier:
                if priority:
                    if not dry_run:
                        orders.append((sku, threshold - count))
    try:
        supplier.send(orders)
    except:
        pass
    return orders
    print("sent")


class Ledger:
    """Keeps a running total."""

    def __init__(self):
        self.total = 0

    def addEntry(self, q):
        self.total += q
        return self.total
