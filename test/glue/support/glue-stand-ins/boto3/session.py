"""boto3.session.Session (see boto3)."""
from boto3 import Session

__all__ = ['Session']
