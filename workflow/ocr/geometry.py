"""Affine geometry between image pixels, upright page coordinates and PDF user space (PDF matrix order)."""
from __future__ import annotations

import math

Matrix = tuple[float, float, float, float, float, float]  # PDF order (a b c d e f): x' = ax + cy + e, y' = bx + dy + f
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """PDF matrix product (apply ``m`` first, then ``n``)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


def upright_to_stored(orientation: int, width: int, height: int) -> Matrix:
    """Maps upright-page pixels back to pixels of the stored image (width x height) for a page turned by
    ``orientation`` degrees clockwise in the stored image."""
    return {
        0: (1.0, 0.0, 0.0, 1.0, 0.0, 0.0),
        90: (0.0, 1.0, -1.0, 0.0, float(width), 0.0),
        180: (-1.0, 0.0, 0.0, -1.0, float(width), float(height)),
        270: (0.0, -1.0, 1.0, 0.0, 0.0, float(height)),
    }[orientation % 360]


def unskew(degrees: float, width: int, height: int) -> Matrix:
    """Maps pixels of an image turned by ``degrees`` (Pillow: counter-clockwise about the centre, same size)
    back to the pixels of the image before turning."""
    t = math.radians(degrees)
    cos, sin = math.cos(t), math.sin(t)
    cx, cy = width / 2.0, height / 2.0
    # x = cx + (x'-cx)cos - (y'-cy)sin ; y = cy + (x'-cx)sin + (y'-cy)cos   (y axis pointing down)
    return (cos, sin, -sin, cos, cx - cx * cos + cy * sin, cy - cx * sin - cy * cos)


def page_rotation(orientation: int) -> int:
    """The /Rotate value (clockwise, for display) that shows a page upright."""
    return (360 - orientation) % 360
