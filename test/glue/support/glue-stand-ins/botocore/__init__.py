"""Stand-in for botocore: only its exceptions (see boto3)."""
