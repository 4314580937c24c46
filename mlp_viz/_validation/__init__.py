"""Checks at the public entry points, with messages that say how to fix things.

Every check raises ``ValueError`` for a bad value or shape and ``TypeError``
for a wrong type, and says what was expected, what came, and what to do.
The checks of plain values (numbers, flags, shapes, seeds, arrays) are in
:mod:`~mlp_viz._validation.values`; those that know about networks (the
network itself, its sizes and weights, inputs, targets, class labels, batch
sizes) in :mod:`~mlp_viz._validation.networks`. Import them from here.
"""

from .networks import (
    as_class_labels,
    as_inputs,
    as_targets,
    check_batch_size,
    check_keep_masks,
    check_labels,
    check_layer_sizes,
    check_net,
    check_weight_shapes,
    output_classes,
)
from .values import (
    as_float_array,
    as_generator,
    as_numeric_array,
    check_arrays,
    check_bool,
    check_dropout_rate,
    check_finite,
    check_float_dtype,
    check_int,
    check_number,
    check_point,
    check_shape,
    describe,
)

__all__ = [
    "as_class_labels",
    "as_float_array",
    "as_generator",
    "as_inputs",
    "as_numeric_array",
    "as_targets",
    "check_arrays",
    "check_batch_size",
    "check_bool",
    "check_dropout_rate",
    "check_finite",
    "check_float_dtype",
    "check_int",
    "check_keep_masks",
    "check_labels",
    "check_layer_sizes",
    "check_net",
    "check_number",
    "check_point",
    "check_shape",
    "check_weight_shapes",
    "describe",
    "output_classes",
]
