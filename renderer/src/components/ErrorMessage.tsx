export function ErrorMessage({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <p className="error-message" role="alert" id={id}>
      {message}
    </p>
  );
}
