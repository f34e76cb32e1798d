"""botocore.exceptions: ClientError as botocore raises it (error_response, operation_name)."""


class BotoCoreError(Exception):
    pass


class ClientError(Exception):
    def __init__(self, error_response, operation_name):
        self.response = error_response
        self.operation_name = operation_name
        error = error_response.get('Error', {})
        super().__init__(f"An error occurred ({error.get('Code', 'Unknown')}) when calling the {operation_name} operation: "
                         f"{error.get('Message', 'Unknown')}")
