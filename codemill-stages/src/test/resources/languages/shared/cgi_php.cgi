#!/usr/bin/php
<?php echo "hi";
