"""控辍保学台账 (Kongchuo Desktop): register, cases, letters, reports and file sync for township offices."""

__version__ = "0.1.0"
APP_NAME = "控辍保学台账"
APP_ID = "kongchuo-desktop"
